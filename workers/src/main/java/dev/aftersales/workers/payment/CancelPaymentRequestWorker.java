package dev.aftersales.workers.payment;

import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.payments.LatePaymentRefunds;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.PaymentRequestCancellation;
import dev.aftersales.integration.payment.PaymentsClient.RequestNotCancellable;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The 48 h to pay a difference are over: closes the window on the case first (from then on a reported
 * payment is refunded, not shipped against), then cancels the open payment request with the provider,
 * once. A payment reported just before the close that the process no longer took is refunded here.
 */
@Component
public class CancelPaymentRequestWorker {

  static final String STEP = "payment-request-cancellation";

  private final DifferencePaymentRepository differencePayments;
  private final PaymentsClient payments;
  private final LatePaymentRefunds lateRefunds;
  private final StepJournal journal;
  private final Clock clock;

  public CancelPaymentRequestWorker(DifferencePaymentRepository differencePayments, PaymentsClient payments,
      LatePaymentRefunds lateRefunds, StepJournal journal, Clock clock) {
    this.differencePayments = differencePayments;
    this.payments = payments;
    this.lateRefunds = lateRefunds;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CANCEL_PAYMENT_REQUEST)
  public void cancel(ActivatedJob job, @Variable String caseId) {
    DifferencePayment payment = differencePayments.findById(caseId).filter(DifferencePayment::requested)
        .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no payment request to cancel"));
    if (payment.windowOpen()) {
      // Saved before the call: a payment the channel reports from now on sees the window closed. A report
      // saved meanwhile makes this save fail on the payment's version, and the retry sees the payment.
      payment = differencePayments.save(payment.closeWindow(clock.instant()));
    }
    String paymentRequestId = payment.paymentRequestId();
    PaymentRequestCancellation request = new PaymentRequestCancellation(IdempotencyKeys.of(caseId, STEP));
    try {
      journal.callOnce(job, caseId, PaymentsClient.PAYMENT_REQUEST_CANCELLATION, request, Map.class,
          () -> payments.cancelPaymentRequest(paymentRequestId, request));
    } catch (RequestNotCancellable e) {
      journal.recordOnce(job, caseId, TimelineKind.DECISION, "Payment request no longer open: not cancelled",
          Map.of("paymentRequestId", paymentRequestId, "answer", e.getMessage()));
    }
    lateRefunds.refundIfDue(caseId, job.getElementId(), "worker:" + job.getType());
  }
}
