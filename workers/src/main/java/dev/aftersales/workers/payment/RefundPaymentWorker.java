package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.RefundRequest;
import dev.aftersales.integration.payment.RefundDeclinedException;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Refunds the calculated amount to the original payment, exactly once: an issued refund is never
 * sent again (a job redelivered after its timeout), and every attempt sends the key fixed at
 * calculation. A refusal by the provider is the BPMN error {@code refund-declined}: finance takes over.
 */
@Component
public class RefundPaymentWorker {

  static final String CURRENCY = "CNY";

  public record RefundIssued(String refundId) {}

  private final CaseRepository cases;
  private final PaymentsClient payments;
  private final StepJournal journal;
  private final Clock clock;
  private final CaseMetrics metrics;

  public RefundPaymentWorker(CaseRepository cases, PaymentsClient payments, StepJournal journal, Clock clock,
      CaseMetrics metrics) {
    this.cases = cases;
    this.payments = payments;
    this.journal = journal;
    this.clock = clock;
    this.metrics = metrics;
  }

  @JobWorker(type = JobTypes.REFUND_PAYMENT)
  public RefundIssued refund(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Refund refund = c.requireRefund();
    if (refund.issued()) {
      return new RefundIssued(refund.refundId());
    }
    if (refund.status() == RefundStatus.DECLINED) {
      throw declined("the payment provider declined this refund before");
    }
    RefundRequest request = new RefundRequest(c.getPaymentId(), refund.amount(), CURRENCY, refund.idempotencyKey());
    try {
      String refundId = journal.call(job, caseId, PaymentsClient.REFUNDS, request, () -> payments.refund(request))
          .refundId();
      c.updateRefund(calculated -> calculated.issue(refundId, clock.instant()));
      cases.save(c);
      metrics.refundIssued(refund.amount());
      return new RefundIssued(refundId);
    } catch (RefundDeclinedException e) {
      c.updateRefund(Refund::declined);
      cases.save(c);
      throw declined(e.getMessage());
    }
  }

  private static RuntimeException declined(String message) {
    return CamundaError.bpmnError(ErrorCodes.REFUND_DECLINED, message);
  }
}
