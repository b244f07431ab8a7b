package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.Refund;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.InstallmentReversalRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Reverses the instalment plan (e.g. Huabei) by the goods' part of the refund, so the customer stops
 * paying for what came back; once. Refunded return shipping is not on the plan, so it is never
 * reversed from it (a 612.00 refund with 12.00 freight reverses 600.00 of a 600.00 plan).
 */
@Component
public class ReverseInstallmentPlanWorker {

  private final CaseRepository cases;
  private final RefundRepository refunds;
  private final PaymentsClient payments;
  private final StepJournal journal;

  public ReverseInstallmentPlanWorker(CaseRepository cases, RefundRepository refunds,
      PaymentsClient payments, StepJournal journal) {
    this.cases = cases;
    this.refunds = refunds;
    this.payments = payments;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.REVERSE_INSTALLMENT_PLAN)
  public void reverse(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId); // read only: the plan's id; the refund is saved alone
    Refund refund = refunds.require(caseId);
    if (refund.installmentReversed()) {
      return;
    }
    if (refund.nothingDue() || refund.goodsPart().signum() == 0) {
      // Nothing of the goods was refunded, so the plan stays as it is: there is nothing to reverse.
      refunds.save(refund.installmentPlanReversed());
      return;
    }
    String planId = Objects.requireNonNull(c.getInstallmentPlanId(), "case " + caseId + " has no instalment plan id");
    InstallmentReversalRequest request =
        new InstallmentReversalRequest(refund.goodsPart(), IdempotencyKeys.of(caseId, "installment-reversal"));
    journal.call(job, caseId, PaymentsClient.INSTALLMENT_REVERSAL, request,
        () -> payments.reverseInstallmentPlan(planId, request));
    refunds.save(refund.installmentPlanReversed());
  }
}
