package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.PaymentRequest;
import dev.aftersales.integration.payment.PaymentsClient.RequestedPayment;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import dev.aftersales.workers.notification.CustomerNotifications;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A dearer variant: asks the payment provider, once, for the settled difference and sends the customer
 * the link to pay it. The channel reports the payment (difference-payments API), which the process waits for.
 */
@Component
public class RequestDifferencePaymentWorker {

  static final String PAY_DIFFERENCE_TEMPLATE = "EXCHANGE_PAY_DIFFERENCE";

  public record PaymentRequested(String paymentRequestId, String payUrl) {}

  private final CaseRepository cases;
  private final DifferencePaymentRepository differencePayments;
  private final PaymentsClient payments;
  private final CustomerNotifications notifications;
  private final StepJournal journal;
  private final Clock clock;

  public RequestDifferencePaymentWorker(CaseRepository cases, DifferencePaymentRepository differencePayments,
      PaymentsClient payments, CustomerNotifications notifications, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.differencePayments = differencePayments;
    this.payments = payments;
    this.notifications = notifications;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.REQUEST_DIFFERENCE_PAYMENT)
  public PaymentRequested request(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId); // read only: the request is stored on the payment
    DifferencePayment payment = differencePayments.findById(caseId).orElse(null);
    if (payment == null) {
      BigDecimal difference = c.getPriceDifference();
      if (difference == null || difference.signum() <= 0) {
        throw new IllegalStateException("case " + caseId + " owes no price difference (" + difference + ")");
      }
      payment = DifferencePayment.planned(caseId, difference, IdempotencyKeys.of(caseId, "difference-payment"));
    }
    if (!payment.requested()) {
      // Planned and requested in one write: the job's one transaction would undo a plan saved before the call,
      // and a retry requests with the same key.
      PaymentRequest request = new PaymentRequest(c.getCustomerId(), payment.amount(), RefundPaymentWorker.CURRENCY,
          payment.idempotencyKey());
      RequestedPayment requested = journal.call(job, caseId, PaymentsClient.PAYMENT_REQUESTS, request,
          () -> payments.requestPayment(request));
      payment = differencePayments.save(payment.request(requested.paymentRequestId(), requested.payUrl(),
          clock.instant()));
    }
    // Sent on every delivery: a failed notification is retried; its key makes a repeat a no-op.
    notifications.send(job, c, payment, PAY_DIFFERENCE_TEMPLATE);
    return new PaymentRequested(payment.paymentRequestId(), payment.payUrl());
  }
}
