package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.process.Headers;
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
 * A human task passed its due date (non-interrupting timer: the task and the agent's work stay).
 * The case is marked escalated, the breach is recorded and the supervisors are told.
 *
 * <p>Raising the task's priority in Tasklist and adding the supervisor group as candidates needs
 * the user-task update API; that is a later issue, so for now the escalation is the flag, the
 * timeline entry and the notification.
 */
@Component
public class EscalateOverdueTaskWorker {

  static final String TASK_OVERDUE_TEMPLATE = "TASK_OVERDUE";

  private final CaseRepository cases;
  private final NotificationClient notifications;
  private final StepJournal journal;
  private final EscalationProperties properties;
  private final Clock clock;

  public EscalateOverdueTaskWorker(CaseRepository cases, NotificationClient notifications, StepJournal journal,
      EscalationProperties properties, Clock clock) {
    this.cases = cases;
    this.notifications = notifications;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.ESCALATE_OVERDUE_TASK)
  public void escalate(ActivatedJob job, @Variable String caseId) {
    String task = job.getCustomHeaders().get(Headers.TASK);
    AfterSalesCase c = cases.require(caseId);
    if (!c.isEscalated()) {
      c.markEscalated();
      c.touch(clock.instant());
      cases.save(c);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task);
    details.put("supervisorGroup", properties.supervisorGroup());
    journal.record(job, caseId, TimelineKind.HUMAN_TASK, "SLA breached: " + task + " overdue", details);

    // The template addresses the supervisors; customerId only says whose case it is.
    Map<String, Object> params = new LinkedHashMap<>(details);
    params.put("caseId", caseId);
    params.put("queue", c.getQueue());
    Notification notification = new Notification(c.getCustomerId(), TASK_OVERDUE_TEMPLATE, params,
        IdempotencyKeys.of(caseId, "notify", TASK_OVERDUE_TEMPLATE + ":" + task));
    journal.call(job, caseId, NotificationClient.NOTIFICATIONS, notification, () -> notifications.deliver(notification));
  }
}
