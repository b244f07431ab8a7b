package dev.aftersales.exceptions;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.Messages;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that the customer paid an order whose payment had failed, once the payment provider confirms
 * it for at least the order's amount, and tells the process (store, then publish, as receipts do). The
 * same payment again re-publishes the same message id; another payment for a paid order is a conflict,
 * and so is a payment after the case was resolved (the order was cancelled at the deadline).
 */
@Service
class OrderPaymentService {

  /** The model's catch event this payment completes (bpmn/order-exception.bpmn). */
  static final String ORDER_PAID_EVENT = "IntermediateCatchEvent_OrderPaid";
  private static final String WHAT = "order payment";

  private final CaseRepository cases;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final PaymentsClient payments;
  private final OrderPaymentProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  OrderPaymentService(CaseRepository cases, Timeline timeline, CaseMessagePublisher publisher,
      PaymentsClient payments, OrderPaymentProperties properties, TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.publisher = publisher;
    this.payments = payments;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
  }

  void paid(AfterSalesCase c, OrderPaymentRequest payment, String actor) {
    OrderException exception = c.getOrderException()
        .filter(e -> e.exceptionType() == ExceptionType.PAYMENT_FAILED && e.paymentRequestId() != null)
        .orElseThrow(() -> RequestRejectedException.conflict(
            "Case " + c.getId() + " has asked for no payment; there is nothing to pay"));
    if (exception.paidPaymentId() != null) {
      if (exception.paidPaymentId().equals(payment.paymentId())) {
        publish(c);
        return;
      }
      throw RequestRejectedException.conflict("The order of case " + c.getId() + " was paid before with payment "
          + exception.paidPaymentId());
    }
    if (exception.resolved()) {
      throw RequestRejectedException.conflict("The order of case " + c.getId() + " was "
          + (exception.cancelled() ? "cancelled at the payment deadline" : "released") + "; it takes no payment");
    }
    Payment known = payments.findPayment(payment.paymentId()).orElseThrow(() ->
        RequestRejectedException.unprocessable("paymentId",
            "payment " + payment.paymentId() + " is unknown to the payment provider"));
    if (!known.succeeded()) {
      throw RequestRejectedException.unprocessable("paymentId",
          "payment " + payment.paymentId() + " has not succeeded at the payment provider (" + known.status() + ")");
    }
    if (known.amount() == null || known.amount().compareTo(exception.orderAmount()) < 0) {
      throw RequestRejectedException.unprocessable("paymentId", "the payment provider has " + known.amount()
          + " CNY for payment " + payment.paymentId() + ", less than the order's " + exception.orderAmount());
    }
    c.updateOrderException(e -> e.paid(payment.paymentId()));
    c.touch(clock.instant());
    transaction.executeWithoutResult(status -> {
      cases.save(c);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("paymentId", payment.paymentId());
      details.put("amount", known.amount());
      details.put("paymentRequestId", exception.paymentRequestId());
      details.put("verifiedWith", PaymentsClient.PAYMENT.call());
      timeline.record(c.getId(), TimelineKind.MESSAGE, ORDER_PAID_EVENT, actor, "Order paid", details);
    });
    publish(c);
  }

  private void publish(AfterSalesCase c) {
    publisher.publish(Messages.ORDER_PAID, c.getId(), properties, WHAT);
  }
}
