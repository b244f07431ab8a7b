package dev.aftersales.workers.marketing;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.OrderClaims;
import dev.aftersales.integration.marketing.MarketingClient;
import dev.aftersales.integration.marketing.MarketingClient.CouponRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Issues the compensation coupon the eligibility decision planned, once per case and at most once per order. */
@Component
public class IssueCompensationCouponWorker {

  public record CouponIssued(String couponId) {}

  private final CaseRepository cases;
  private final MarketingClient marketing;
  private final StepJournal journal;
  private final Clock clock;
  private final CaseMetrics metrics;
  private final OrderClaims claims;

  public IssueCompensationCouponWorker(CaseRepository cases, MarketingClient marketing, StepJournal journal, Clock clock,
      CaseMetrics metrics, OrderClaims claims) {
    this.claims = claims;
    this.cases = cases;
    this.marketing = marketing;
    this.journal = journal;
    this.clock = clock;
    this.metrics = metrics;
  }

  @JobWorker(type = JobTypes.ISSUE_COMPENSATION_COUPON)
  public CouponIssued issue(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Coupon coupon = c.getCoupon()
        .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no compensation coupon planned"));
    if (coupon.issued()) {
      return new CouponIssued(coupon.couponId());
    }
    if (!claims.takeCompensationCoupon(c.getOrderId(), caseId)) {
      // One compensation coupon per order (docs/security.md): a second rejected request of the order gets none.
      String holder = claims.couponCase(c.getOrderId()).orElse(null);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("rule", "one compensation coupon per order");
      details.put("orderId", c.getOrderId());
      details.put("couponCaseId", holder);
      journal.decision(job, caseId, "Compensation coupon not issued: order " + c.getOrderId()
          + " got one with case " + holder, details);
      return new CouponIssued(null);
    }
    CouponRequest request = new CouponRequest(
        c.getCustomerId(), coupon.amount(), coupon.threshold(), coupon.reason(), coupon.idempotencyKey());
    String couponId = journal.call(job, caseId, MarketingClient.COUPONS, request, () -> marketing.issueCoupon(request))
        .couponId();
    c.updateCoupon(planned -> planned.issue(couponId, clock.instant()));
    cases.save(c);
    metrics.couponIssued(coupon.amount());
    return new CouponIssued(couponId);
  }
}
