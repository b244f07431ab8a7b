package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
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

  private final CaseRepository cases;
  private final PaymentsClient payments;
  private final LatePaymentRefunds lateRefunds;
  private final StepJournal journal;
  private final Clock clock;

  public CancelPaymentRequestWorker(CaseRepository cases, PaymentsClient payments, LatePaymentRefunds lateRefunds,
      StepJournal journal, Clock clock) {
    this.cases = cases;
    this.payments = payments;
    this.lateRefunds = lateRefunds;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CANCEL_PAYMENT_REQUEST)
  public void cancel(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    DifferencePayment payment = c.getDifferencePayment().filter(DifferencePayment::requested)
        .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no payment request to cancel"));
    if (payment.windowOpen()) {
      // Saved before the call: a payment the channel reports from now on sees the window closed. A report
      // saved meanwhile makes this save fail on the version, and the retry sees the payment.
      c.updateDifferencePayment(p -> p.closeWindow(clock.instant()));
      c.touch(clock.instant());
      cases.save(c);
    }
    PaymentRequestCancellation request = new PaymentRequestCancellation(IdempotencyKeys.of(caseId, STEP));
    try {
      journal.callOnce(job, caseId, PaymentsClient.PAYMENT_REQUEST_CANCELLATION, request, Map.class,
          () -> payments.cancelPaymentRequest(payment.paymentRequestId(), request));
    } catch (RequestNotCancellable e) {
      journal.recordOnce(job, caseId, TimelineKind.DECISION, "Payment request no longer open: not cancelled",
          Map.of("paymentRequestId", payment.paymentRequestId(), "answer", e.getMessage()));
    }
    lateRefunds.refundIfDue(caseId, job.getElementId(), "worker:" + job.getType());
  }
}
