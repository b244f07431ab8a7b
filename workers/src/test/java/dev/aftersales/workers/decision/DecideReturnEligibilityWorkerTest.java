package dev.aftersales.workers.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.decision.DecideReturnEligibilityWorker.Decided;
import dev.aftersales.workers.marketing.IssueCompensationCouponWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The deployed return policy decides through the engine; an out-of-window request gets one coupon. */
class DecideReturnEligibilityWorkerTest extends IntegrationTest {

  private static final String COUPONS = "/marketing/coupons";
  private static final ActivatedJob DECIDE = job(JobTypes.DECIDE_RETURN_ELIGIBILITY,
      "BusinessRuleTask_DecideReturnEligibility", Map.of(Headers.DECISION_ID, ProcessIds.RETURN_ELIGIBILITY));
  private static final ActivatedJob ISSUE_COUPON =
      job(JobTypes.ISSUE_COMPENSATION_COUPON, "ServiceTask_IssueCompensationCoupon");

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired DecideReturnEligibilityWorker decide;
  @Autowired IssueCompensationCouponWorker issueCoupon;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void outOfWindowRequestIsRejectedAndGetsTheCouponOfThePolicyOnce() {
    AfterSalesCase c = classified(TestCases.aReturn().deliveredAgo(Duration.ofDays(20)));
    wireMock().stubFor(post(urlEqualTo(COUPONS)).willReturn(okJson("{\"couponId\":\"CP-1\"}")));

    Decided decided = decide.decide(DECIDE, c.getId());

    assertThat(decided.eligibility()).isEqualTo(Eligibility.AUTO_REJECT);
    assertThat(decided.caseFacts().daysSinceDelivery()).isEqualTo(20);
    assertThat(decided.caseFacts().windowDays()).isEqualTo(7);
    assertThat(decided.caseFacts().rule()).isEqualTo("Return window passed");
    TimelineEntry decision = decisions(c).getFirst();
    assertThat(decision.details()).containsEntry("decisionId", ProcessIds.RETURN_ELIGIBILITY)
        .containsKey("decisionVersion").containsKey("decisionKey");
    assertThat(decision.details().get("matchedRules").toString()).contains("Rule_WindowPassed");
    assertThat(decision.details().get("evaluatedDecisions").toString()).contains("Rule_StandardWindow");
    assertThat((Map<String, Object>) decision.details().get("inputs"))
        .containsEntry("reason", "NO_REASON").containsEntry("daysSinceDelivery", 20);

    assertThat(issueCoupon.issue(ISSUE_COUPON, c.getId()).couponId()).isEqualTo("CP-1");
    assertThat(issueCoupon.issue(ISSUE_COUPON, c.getId()).couponId()).isEqualTo("CP-1");

    String key = c.getId() + ":compensation-coupon";
    wireMock().verify(1, postRequestedFor(urlEqualTo(COUPONS)));
    wireMock().verify(postRequestedFor(urlEqualTo(COUPONS))
        .withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"customerId": "%s", "amount": 10.00, "threshold": 0.00, "reason": "Return window passed",
             "idempotencyKey": "%s"}""".formatted(c.getCustomerId(), key))));
    Coupon coupon = cases.require(c.getId()).getCoupon().orElseThrow();
    assertThat(coupon.couponId()).isEqualTo("CP-1");
    assertThat(coupon.amount()).isEqualTo(new BigDecimal("10.00"));
  }

  @Test
  void aCompensationCouponIsIssuedAtMostOncePerOrder() {
    // two out-of-window requests of one order (the second with a new channel request id): both are rejected
    AfterSalesCase first = classified(TestCases.aReturn().deliveredAgo(Duration.ofDays(20)));
    AfterSalesCase second = classified(TestCases.aReturn().deliveredAgo(Duration.ofDays(20)).onOrder(first.getOrderId()));
    wireMock().stubFor(post(urlEqualTo(COUPONS)).willReturn(okJson("{\"couponId\":\"CP-ORDER\"}")));
    assertThat(decide.decide(DECIDE, first.getId()).eligibility()).isEqualTo(Eligibility.AUTO_REJECT);
    assertThat(decide.decide(DECIDE, second.getId()).eligibility()).isEqualTo(Eligibility.AUTO_REJECT);

    assertThat(issueCoupon.issue(ISSUE_COUPON, first.getId()).couponId()).isEqualTo("CP-ORDER");
    assertThat(issueCoupon.issue(ISSUE_COUPON, second.getId()).couponId()).isNull();
    assertThat(issueCoupon.issue(ISSUE_COUPON, second.getId()).couponId()).as("redelivered").isNull();

    wireMock().verify(1, postRequestedFor(urlEqualTo(COUPONS)));
    assertThat(cases.require(second.getId()).getCoupon().orElseThrow().issued()).isFalse();
    assertThat(decisions(second)).extracting(TimelineEntry::summary)
        .anyMatch(summary -> summary.contains("not issued") && summary.contains(first.getId()));
  }

  @Test
  void openedNoReasonReturnGoesToEvidenceReviewWithTheFactsTheAgentSees() {
    AfterSalesCase c = classified(TestCases.aReturn().unopened(false).description("尺码偏小"));

    Decided decided = decide.decide(DECIDE, c.getId());

    assertThat(decided.eligibility()).isEqualTo(Eligibility.EVIDENCE_REVIEW);
    assertThat(decided.caseFacts()).satisfies(facts -> {
      assertThat(facts.orderId()).isEqualTo(c.getOrderId());
      assertThat(facts.channel()).isEqualTo("TMALL");
      assertThat(facts.reason()).isEqualTo(Reason.NO_REASON);
      assertThat(facts.description()).isEqualTo("尺码偏小");
      assertThat(facts.unopened()).isFalse();
      assertThat(facts.returnsInLast90Days()).isZero();
      assertThat(facts.rule()).isEqualTo("Opened: check condition");
      assertThat(facts.items()).containsExactly(new CaseFacts.ItemFact("DRESS-M", "Silk dress", 1));
    });
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.UNDER_REVIEW);
    assertThat(stored.getCoupon()).isEmpty();
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::kind)
        .containsExactly(TimelineKind.DECISION, TimelineKind.STATUS);
  }

  @Test
  void double11ReturnOnDayTenIsApprovedInThePromotionWindow() {
    AfterSalesCase c = classified(TestCases.aReturn().promotion("DOUBLE_11").deliveredAgo(Duration.ofDays(10)));

    Decided decided = decide.decide(DECIDE, c.getId());
    Decided redelivered = decide.decide(DECIDE, c.getId());

    assertThat(decided.eligibility()).isEqualTo(Eligibility.AUTO_APPROVE);
    assertThat(redelivered).isEqualTo(decided);
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getWindowDays()).isEqualTo(15);
    assertThat(stored.getPromotionWindow()).isTrue();
    assertThat(decisions(c)).as("decided once").hasSize(1);
  }

  private AfterSalesCase classified(TestCases request) {
    AfterSalesCase c = request.build();
    c.classified(Reason.NO_REASON, ReasonSource.CHANNEL, null, "warehouse-team");
    return cases.save(c);
  }

  private List<TimelineEntry> decisions(AfterSalesCase c) {
    return timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.DECISION).toList();
  }
}
