package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An exception order not resolved within the SLA its decision gave it: the case is marked escalated, the
 * breach recorded and the supervisors told, once (key {@code {caseId}:notify:EXCEPTION_OVERDUE}). The handling
 * goes on; a task of the case escalates on its own timer.
 */
@Component
public class EscalateOverdueExceptionWorker {

  static final String EXCEPTION_OVERDUE_TEMPLATE = "EXCEPTION_OVERDUE";

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final NotificationClient notifications;
  private final StepJournal journal;
  private final Clock clock;

  public EscalateOverdueExceptionWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      NotificationClient notifications, StepJournal journal,
      Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.notifications = notifications;
    this.journal = journal;
    this.clock = clock;
  }

  /** @param supervisorGroup who is told, as the exception-handling decision names it */
  @JobWorker(type = JobTypes.ESCALATE_OVERDUE_EXCEPTION)
  public void escalate(ActivatedJob job, @Variable String caseId, @Variable String supervisorGroup) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.escalatedAt() == null) {
      c.markEscalated();
      c.touch(clock.instant());
      cases.save(c); // the case first: its version check
      exceptions.save(exception.escalated(clock.instant()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("exceptionType", exception.exceptionType().name());
    details.put("handling", exception.handling());
    details.put("supervisorGroup", supervisorGroup);
    journal.recordOnce(job, caseId, TimelineKind.STATUS, "SLA breached: exception order not resolved in time", details);

    // The template addresses the supervisors; customerId only says whose case it is.
    Map<String, Object> params = new LinkedHashMap<>(details);
    params.put("caseId", caseId);
    params.put("orderId", c.getOrderId());
    Notification notification = new Notification(c.getCustomerId(), EXCEPTION_OVERDUE_TEMPLATE, params,
        IdempotencyKeys.of(caseId, "notify", EXCEPTION_OVERDUE_TEMPLATE));
    journal.call(job, caseId, NotificationClient.NOTIFICATIONS, notification, () -> notifications.deliver(notification));
  }
}
