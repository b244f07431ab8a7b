package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.cases.RecordManualRefundWorker.ManualRefund;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Marks a late payment refunded by hand ({@code manual-refund} form in late-payment-refund.bpmn), once, with
 * finance's reference: the payment's part keeps {@code manual:{reference}} as its refund, so no retry and no report
 * of the same payment asks the payment provider again. A job handed out again finds its own reference and records
 * nothing new. A late payment that is not finance's (refunded by the provider meanwhile) is an incident: finance's
 * refund would be a second one, which an operator must reconcile.
 */
@Component
public class RecordManualLateRefundWorker {

  private final AgentDecisions decisions;
  private final DifferencePaymentRepository differencePayments;
  private final OrderExceptionRepository exceptions;

  public RecordManualLateRefundWorker(AgentDecisions decisions, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions) {
    this.decisions = decisions;
    this.differencePayments = differencePayments;
    this.exceptions = exceptions;
  }

  @JobWorker(type = JobTypes.RECORD_MANUAL_LATE_REFUND)
  public void record(ActivatedJob job, @VariablesAsType ManualRefund form) {
    String recorded = DifferencePayment.MANUAL_REFUND_PREFIX + form.manualRefundReference();
    decisions.record(job, form.caseId(), AgentTask.MANUAL_REFUND, form, c -> {
      String reference = form.manualRefundReference();
      String lateRefundId = c.getType() == CaseType.EXCHANGE ? differencePaid(c, reference) : orderPaid(c, reference);
      if (!recorded.equals(lateRefundId)) {
        throw new IllegalStateException("Case " + c.getId() + ": its late payment was refunded (" + lateRefundId
            + ") before finance recorded its refund by hand (" + form.manualRefundReference() + "): the customer may "
            + "have been refunded twice; reconcile with the payment provider before resolving this incident");
      }
      return "Late payment refunded manually, reference " + form.manualRefundReference();
    });
  }

  /** The late refund the payment holds once this ran: finance's when it was finance's to make. */
  private String differencePaid(AfterSalesCase c, String reference) {
    DifferencePayment payment = differencePayments.findById(c.getId()).orElseThrow(() ->
        new IllegalStateException("Case " + c.getId() + " has no difference payment to refund by hand"));
    if (payment.lateRefundWithFinance()) {
      return differencePayments.save(payment.lateRefundedByHand(reference)).lateRefundId();
    }
    return payment.lateRefundId();
  }

  private String orderPaid(AfterSalesCase c, String reference) {
    OrderException exception = exceptions.ofCase(c).orElseThrow(() ->
        new IllegalStateException("Case " + c.getId() + " has no exception order whose payment to refund by hand"));
    if (exception.lateRefundWithFinance()) {
      return exceptions.save(exception.lateRefundedByHand(reference)).lateRefundId();
    }
    return exception.lateRefundId();
  }
}
