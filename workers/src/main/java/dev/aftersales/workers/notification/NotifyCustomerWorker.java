package dev.aftersales.workers.notification;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells the customer what happened, with the template the model names. The idempotency key is one
 * per case and template, so a redelivered job does not message the customer twice.
 */
@Component
public class NotifyCustomerWorker {

  private final CaseRepository cases;
  private final NotificationClient notifications;
  private final StepJournal journal;

  public NotifyCustomerWorker(CaseRepository cases, NotificationClient notifications, StepJournal journal) {
    this.cases = cases;
    this.notifications = notifications;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.NOTIFY_CUSTOMER)
  public void notifyCustomer(ActivatedJob job, @Variable String caseId) {
    String template = job.getCustomHeaders().get(Headers.TEMPLATE);
    AfterSalesCase c = cases.require(caseId);
    Notification notification = new Notification(
        c.getCustomerId(), template, params(c), IdempotencyKeys.of(caseId, "notify", template));
    journal.call(job, caseId, NotificationClient.NOTIFICATIONS, notification, () -> notifications.deliver(notification));
  }

  /** What a template may show: ids, the label, the refund or coupon; never more than the case knows. */
  private static Map<String, Object> params(AfterSalesCase c) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("caseId", c.getId());
    params.put("orderId", c.getOrderId());
    putIfKnown(params, "trackingNumber", c.getTrackingNumber());
    putIfKnown(params, "labelUrl", c.getLabelUrl());
    putIfKnown(params, "decisionRule", c.getDecisionRule());
    c.getRefund().ifPresent(refund -> params.put("refundAmount", refund.amount()));
    c.getCoupon().ifPresent(coupon -> params.put("couponAmount", coupon.amount()));
    return params;
  }

  private static void putIfKnown(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
