package dev.aftersales.workers.notification;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.CouponRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends the customer a template with what the case knows. The idempotency key is one per case and
 * template, so a redelivered job — or a second step sending the same template — messages the customer once.
 */
@Component
public class CustomerNotifications {

  private final NotificationClient notifications;
  private final StepJournal journal;
  private final CouponRepository coupons;
  private final DifferencePaymentRepository differencePayments;
  private final ShortageRepository shortages;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;

  public CustomerNotifications(NotificationClient notifications, StepJournal journal, CouponRepository coupons,
      DifferencePaymentRepository differencePayments, ShortageRepository shortages,
      OrderExceptionRepository exceptions, RefundRepository refunds) {
    this.refunds = refunds;
    this.exceptions = exceptions;
    this.shortages = shortages;
    this.notifications = notifications;
    this.journal = journal;
    this.coupons = coupons;
    this.differencePayments = differencePayments;
  }

  public void send(ActivatedJob job, AfterSalesCase c, String template) {
    send(job, c, owesDifference(c) ? differencePayments.findById(c.getId()).orElse(null) : null, template);
  }

  /**
   * Only an exchange to a dearer variant, as its price is settled now, has a difference payment to show; other
   * cases' notifications do not read the payment's row.
   */
  private static boolean owesDifference(AfterSalesCase c) {
    return c.getType() == CaseType.EXCHANGE && c.getPriceDifference() != null && c.getPriceDifference().signum() > 0;
  }

  /** @param differencePayment the exchange's difference payment as the caller holds it; null when none */
  public void send(ActivatedJob job, AfterSalesCase c, DifferencePayment differencePayment, String template) {
    Notification notification = new Notification(c.getCustomerId(), template, params(c, differencePayment),
        IdempotencyKeys.of(c.getId(), "notify", template));
    journal.call(job, c.getId(), NotificationClient.NOTIFICATIONS, notification,
        () -> notifications.deliver(notification));
  }

  /** What a template may show: ids, the label, money owed either way, the replacement; never more than the case knows. */
  private Map<String, Object> params(AfterSalesCase c, DifferencePayment differencePayment) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("caseId", c.getId());
    params.put("orderId", c.getOrderId());
    putIfKnown(params, "trackingNumber", c.getTrackingNumber());
    putIfKnown(params, "labelUrl", c.getLabelUrl());
    putIfKnown(params, "decisionRule", c.getDecisionRule());
    refunds.findById(c.getId()).ifPresent(refund -> params.put("refundAmount", refund.amount()));
    if (c.getDecision() == Eligibility.AUTO_REJECT) { // the only decision that plans a compensation coupon
      coupons.findById(c.getId()).ifPresent(coupon -> params.put("couponAmount", coupon.amount()));
    }
    if (differencePayment != null) {
      params.put("differenceAmount", differencePayment.amount());
      putIfKnown(params, "payUrl", differencePayment.payUrl());
    }
    putIfKnown(params, "replacementOrderId", c.getReplacementOrderId());
    putIfKnown(params, "outboundOrderId", c.getOutboundOrderId());
    shortages.ofCase(c).ifPresent(shortage -> {
      params.put("sku", shortage.sku());
      params.put("quantity", shortage.quantity());
      putIfKnown(params, "nextArrivalDate", shortage.nextArrivalDate());
      putIfKnown(params, "giftSku", shortage.giftSku());
    });
    exceptions.ofCase(c).ifPresent(exception -> {
      params.put("exceptionType", exception.exceptionType().name());
      putIfKnown(params, "payUrl", exception.payUrl());
      putIfKnown(params, "orderAmount", exception.orderAmount());
      putIfKnown(params, "carrier", exception.chosenCarrier());
    });
    return params;
  }

  private static void putIfKnown(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
