package dev.aftersales.workers.insurer;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.insurer.InsurerClient;
import dev.aftersales.integration.insurer.InsurerClient.Claim;
import dev.aftersales.integration.insurer.InsurerClient.ClaimRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import dev.aftersales.workers.carrier.ReturnShippingCost;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * Claims the return freight from the insurer once, and keeps beside the payout what the carrier
 * actually charged: the refund settles the difference.
 */
@Component
public class ClaimFreightInsuranceWorker {

  private final CaseRepository cases;
  private final ReturnShippingCost shippingCost;
  private final InsurerClient insurer;
  private final StepJournal journal;

  public ClaimFreightInsuranceWorker(
      CaseRepository cases, ReturnShippingCost shippingCost, InsurerClient insurer, StepJournal journal) {
    this.cases = cases;
    this.shippingCost = shippingCost;
    this.insurer = insurer;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.CLAIM_FREIGHT_INSURANCE)
  public void claim(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getInsuranceClaimId() != null) {
      return;
    }
    String trackingNumber = c.getTrackingNumber();
    BigDecimal actualCost = shippingCost.of(job, caseId, trackingNumber);
    ClaimRequest request = new ClaimRequest(c.getOrderId(), caseId, trackingNumber,
        IdempotencyKeys.of(caseId, "freight-claim"));
    Claim claim = journal.call(job, caseId, InsurerClient.CLAIMS, request, () -> insurer.claim(request));
    c.freightSettled(actualCost, claim.claimId(), claim.payout());
    cases.save(c);
  }
}
