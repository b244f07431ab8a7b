package dev.aftersales.workers.notification;

import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Tells the customer what happened, with the template the model names ({@link CustomerNotifications}). */
@Component
public class NotifyCustomerWorker {

  private final CaseRepository cases;
  private final CustomerNotifications notifications;

  public NotifyCustomerWorker(CaseRepository cases, CustomerNotifications notifications) {
    this.cases = cases;
    this.notifications = notifications;
  }

  @JobWorker(type = JobTypes.NOTIFY_CUSTOMER)
  public void notifyCustomer(ActivatedJob job, @Variable String caseId) {
    notifications.send(job, cases.require(caseId), job.getCustomHeaders().get(Headers.TEMPLATE));
  }
}
