package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.kinds;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.Sandbox;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whole returns as their users live them, through the REST API only: a channel opens the return,
 * the real workers call the surrounding systems (WireMock), an agent completes the evidence review,
 * the warehouse reports the parcel, and the payment sandbox sees exactly one refund. The auditor
 * then reads the whole story from the timeline.
 */
class ReturnJourneyApiTest extends ApiTest {

  private static final String ACTUAL_SHIPPING_COST = "12.00";

  @Autowired MeterRegistry meters;

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlEqualTo("/vision/ocr")), "{\"text\":\"外壳破损 cracked lid\"}");
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
    stub(WireMock.get(urlPathMatching("/carrier/shipments/.*")),
        "{\"status\":\"DELIVERED\",\"actualCost\":" + ACTUAL_SHIPPING_COST + "}");
    stub(WireMock.post(urlEqualTo("/insurer/claims")), "{\"claimId\":\"CLM-1\",\"payout\":8.00}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlPathMatching("/payments/installment-plans/.*/reversal")), "{\"reversalId\":\"REV-1\"}");
    stub(WireMock.post(urlEqualTo("/marketing/coupons")), "{\"couponId\":\"CP-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
  }

  @Test
  void qualityReturnPaidByInstalmentsIsReviewedReceivedRefundedOnceAndTraced() {
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(10, ChronoUnit.DAYS), "HUABEI_INSTALLMENT", true);

    // a channel opens the return
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":null,
         "description":"壶盖裂了 the lid is cracked","unopened":false,"lines":[{"sku":"SKU-A","quantity":1}],
         "evidence":[{"url":"https://img.example/lid.jpg","kind":"PHOTO"}]}""".formatted(orderId, orderId));
    assertThat(opened.status()).isEqualTo(201);
    String caseId = opened.body().path("caseId").asText();

    // the classifier read the photo, the policy asked for evidence review, the QC team reviews it
    AfterSalesCase underReview = awaitStatus(caseId, CaseStatus.UNDER_REVIEW);
    var task = awaitReviewTask(underReview.getProcessInstanceKey());
    assertThat(task.getCandidateGroupsList()).containsExactly("qc-team");
    zeebe().completeUserTask(underReview.getProcessInstanceKey(), "UserTask_ReviewEvidence",
        Map.of("reviewDecision", "APPROVE", "reviewNote", "crack visible on photo 1"));

    // the label goes out, the warehouse scans the parcel
    AfterSalesCase awaiting = awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
    assertThat(awaiting.isUrgent()).as("approved reviews are handled first by QC").isTrue();
    Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"LIGHTLY_USED"}]}""".formatted(caseId));
    assertThat(receipt.status()).isEqualTo(202);

    long refundsBefore = refundsIssued();
    awaitStatus(caseId, CaseStatus.REFUNDED);
    assertThat(refundsIssued()).as("operations see the refund in the metrics").isEqualTo(refundsBefore + 1);
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    // one kettle of two paid 189.00 = 94.50, plus the full return shipping: a quality return is the merchant's fault
    assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("106.50");
    assertThat(view.path("refund").path("freightCredit").decimalValue()).isEqualByComparingTo(ACTUAL_SHIPPING_COST);
    assertThat(view.path("refund").path("installmentReversed").asBoolean()).isTrue();
    assertThat(view.path("reason").asText()).isEqualTo("QUALITY");
    assertThat(view.path("reasonSource").asText()).isEqualTo("CLASSIFIER");
    assertThat(view.path("lines").get(0).path("disposition").asText()).isEqualTo("SECOND_HAND");

    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":refund")))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("106.5"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/installment-plans/PLAN-" + orderId + "/reversal")),
        caseId));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/insurer/claims")), caseId));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/stock-dispositions")), caseId)
        .withRequestBody(matchingJsonPath("$.disposition", equalTo("SECOND_HAND"))));

    // the auditor reads every kind of step, in order, with its details (decision version and rule, idempotency key, assignee)
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(kinds(timeline)).contains("STATUS", "DECISION", "EXTERNAL_CALL", "HUMAN_TASK", "MESSAGE");
    assertThat(kinds(timeline).get(0)).isEqualTo("STATUS");
    JsonNode eligibility = entry(timeline, "BusinessRuleTask_DecideReturnEligibility", "DECISION");
    assertThat(eligibility.path("details").path("decisionId").asText()).isEqualTo("return-eligibility");
    assertThat(eligibility.path("details").path("decisionVersion").asInt()).isPositive();
    assertThat(eligibility.path("details").toString()).contains("matchedRules");
    JsonNode refund = entry(timeline, "ServiceTask_RefundPayment", "EXTERNAL_CALL");
    assertThat(refund.path("details").path("idempotencyKey").asText()).isEqualTo(caseId + ":refund");
    JsonNode review = entry(timeline, "ServiceTask_RecordReviewOutcome", "HUMAN_TASK");
    assertThat(review.path("details").path("formData").path("reviewDecision").asText()).isEqualTo("APPROVE");
    assertThat(Instant.parse(timeline.get(0).path("time").asText()))
        .isBeforeOrEqualTo(Instant.parse(timeline.get(timeline.size() - 1).path("time").asText()));
  }

  @Test
  void returnAfterTheWindowIsRejectedWithOneCompensationCouponAndNoLabel() {
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(20, ChronoUnit.DAYS), "ALIPAY", false);

    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
         "description":"changed my mind","unopened":true,"lines":[{"sku":"SKU-B","quantity":1}],"evidence":[]}"""
        .formatted(orderId, orderId));
    String caseId = opened.body().path("caseId").asText();

    awaitStatus(caseId, CaseStatus.REJECTED);
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("decision").asText()).isEqualTo("AUTO_REJECT");
    assertThat(view.path("coupon").path("amount").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(view.path("refund").isNull()).isTrue();
    wireMock().verify(1, postRequestedFor(urlEqualTo("/marketing/coupons"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":compensation-coupon")))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("10.0")))
        .withRequestBody(matchingJsonPath("$.threshold", equalTo("0.0"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
        .withRequestBody(matchingJsonPath("$.template", equalTo("RETURN_REJECTED"))));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/carrier/return-labels")), caseId));

    // the auditor's console: why (the table's first row, from the deployed version) and the path on the diagram
    JsonNode decision = null;
    for (JsonNode d : get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/decisions").body()) {
      decision = "return-eligibility".equals(d.path("decisionId").asText()) ? d : decision;
    }
    assertThat(decision).as("the eligibility decision among the case's decisions").isNotNull();
    assertThat(decision.path("matchedRules").get(0).path("ruleId").asText()).isEqualTo("Rule_WindowPassed");
    assertThat(decision.path("matchedRules").get(0).path("row").asInt()).isEqualTo(1);
    assertThat(decision.path("matchedRules").get(0).path("annotation").asText()).isNotBlank();
    JsonNode processes = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/path").body().path("processes");
    JsonNode goods = processes.get(1);
    assertThat(goods.path("bpmnProcessId").asText()).isEqualTo("return-goods");
    assertThat(goods.path("visitedFlows").toString()).contains("Flow_AutoRejected", "Flow_CloseRejectedToEnd")
        .doesNotContain("Flow_AutoApproved", "Flow_NeedsReview");
    assertThat(processes.get(0).path("visitedFlows").toString()).as("the caller ends through its error boundary")
        .contains("Flow_GoodsRejectedToEnd").doesNotContain("Flow_GoodsNotReceivedToEnd");
  }

  private long refundsIssued() {
    var summary = meters.find("aftersales.refunds.issued").summary();
    return summary == null ? 0 : summary.count();
  }

  private UserTaskRecordValue awaitReviewTask(long processInstanceKey) {
    return Sandbox.await("the evidence-review task",
        () -> zeebe().openUserTask(processInstanceKey, "UserTask_ReviewEvidence").orElse(null));
  }
}
