package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.cases.RefundCalculation.Breakdown;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import dev.aftersales.workers.carrier.ReturnShippingCost;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Calculates the refund once ({@link RefundCalculation}) and fixes its idempotency key with it, so
 * that every attempt of the payment sends the same amount under the same key.
 */
@Component
public class CalculateRefundWorker {

  private final CaseRepository cases;
  private final ReturnShippingCost shippingCost;
  private final StepJournal journal;

  public CalculateRefundWorker(CaseRepository cases, ReturnShippingCost shippingCost, StepJournal journal) {
    this.cases = cases;
    this.shippingCost = shippingCost;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.CALCULATE_REFUND)
  public void calculate(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getRefund().isPresent()) {
      return;
    }
    Reason reason = c.getReason() != null ? c.getReason() : c.getStatedReason();
    boolean insured = c.isFreightInsurance();
    if (c.getFreightCost() == null && c.getTrackingNumber() != null
        && RefundCalculation.needsFreightCost(reason, insured)) {
      // Uninsured merchant-fault returns never went through the claim, which asks the carrier.
      c.freightSettled(shippingCost.of(job, caseId, c.getTrackingNumber()), c.getInsuranceClaimId(),
          c.getInsurancePayout());
    }
    Breakdown breakdown = RefundCalculation.calculate(new RefundCalculation.Input(
        c.getOrderLines(), c.getLines(), Boolean.TRUE.equals(c.getPromotionWindow()), c.getDeductionAmount(),
        reason, insured, c.getFreightCost(), c.getInsurancePayout()));
    c.refundCalculated(new Refund(breakdown.linesAmount(), breakdown.giftDeduction(), breakdown.agentDeduction(),
        breakdown.freightCredit(), breakdown.amount(), RefundStatus.CALCULATED, IdempotencyKeys.of(caseId, "refund"),
        null, false, null));
    cases.save(c);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", RefundCalculation.class.getSimpleName());
    details.put("reason", reason);
    details.put("merchantFault", reason.merchantFault());
    details.put("promotionWindow", c.getPromotionWindow());
    details.put("freightInsured", insured);
    details.put("freightCost", c.getFreightCost());
    details.put("insurancePayout", c.getInsurancePayout());
    details.put("breakdown", breakdown);
    journal.decision(job, caseId, "Refund of %s CNY = lines %s − gifts %s − deduction %s + freight %s".formatted(
        breakdown.amount(), breakdown.linesAmount(), breakdown.giftDeduction(), breakdown.agentDeduction(),
        breakdown.freightCredit()), details);
  }
}
