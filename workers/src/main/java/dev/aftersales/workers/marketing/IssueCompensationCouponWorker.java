package dev.aftersales.workers.marketing;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.CouponRepository;
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
  private final CouponRepository coupons;
  private final MarketingClient marketing;
  private final StepJournal journal;
  private final Clock clock;
  private final CaseMetrics metrics;
  private final OrderClaims claims;

  public IssueCompensationCouponWorker(CaseRepository cases, CouponRepository coupons, MarketingClient marketing,
      StepJournal journal, Clock clock, CaseMetrics metrics, OrderClaims claims) {
    this.claims = claims;
    this.cases = cases;
    this.coupons = coupons;
    this.marketing = marketing;
    this.journal = journal;
    this.clock = clock;
    this.metrics = metrics;
  }

  @JobWorker(type = JobTypes.ISSUE_COMPENSATION_COUPON)
  public CouponIssued issue(ActivatedJob job, @Variable String caseId) {
    Coupon coupon = coupons.findById(caseId)
        .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no compensation coupon planned"));
    if (coupon.issued()) {
      return new CouponIssued(coupon.couponId());
    }
    AfterSalesCase c = cases.require(caseId); // the order and the customer: the coupon's own row does not hold them
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
    coupons.save(coupon.issue(couponId, clock.instant())); // the coupon alone: the case did not change
    metrics.couponIssued(coupon.amount());
    return new CouponIssued(couponId);
  }
}
