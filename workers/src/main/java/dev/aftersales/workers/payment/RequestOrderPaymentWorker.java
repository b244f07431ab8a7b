package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderException;
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
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A failed payment: asks the payment provider, once (key {@code {caseId}:order-payment}), for a payment of the
 * order's amount and sends the customer the pay link. The channel reports the payment (order-payments API),
 * which the model waits for until the decision's deadline.
 */
@Component
public class RequestOrderPaymentWorker {

  static final String PAY_LINK_TEMPLATE = "ORDER_PAY_LINK";

  public record OrderPaymentRequested(String paymentRequestId) {}

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final PaymentsClient payments;
  private final CustomerNotifications notifications;
  private final StepJournal journal;
  private final Clock clock;

  public RequestOrderPaymentWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      PaymentsClient payments,
      CustomerNotifications notifications, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.payments = payments;
    this.notifications = notifications;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.REQUEST_ORDER_PAYMENT)
  public OrderPaymentRequested request(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    OrderException requestedFor = exception;
    if (exception.paymentRequestId() == null) {
      PaymentRequest request = new PaymentRequest(c.getCustomerId(), exception.orderAmount(),
          PaymentsClient.CURRENCY, IdempotencyKeys.of(caseId, "order-payment"));
      // the payment request id above records an earlier success (StepJournal.callOnce: why a plain call)
      RequestedPayment requested = journal.call(job, caseId, PaymentsClient.PAYMENT_REQUESTS, request,
          () -> payments.requestPayment(request));
      c.touch(clock.instant());
      cases.save(c); // the case first: its version check
      requestedFor = exceptions.save(exception.paymentRequested(requested.paymentRequestId(), requested.payUrl()));
    }
    // Sent on every delivery: a failed notification is retried; its key makes a repeat a no-op.
    notifications.send(job, c, PAY_LINK_TEMPLATE);
    return new OrderPaymentRequested(requestedFor.paymentRequestId());
  }
}
