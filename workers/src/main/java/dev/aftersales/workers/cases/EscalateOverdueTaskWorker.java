package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.UserTasks;
import dev.aftersales.tasks.UserTasks.TaskChanges;
import dev.aftersales.tasks.UserTasks.TaskQuery;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A human task passed its due date (non-interrupting timer: the task and the agent's work stay).
 * The open task with the header's form in the job's process instance is found through the user-task
 * search, its priority raised, the supervisor group added to its candidates and a new due date set
 * through the engine's user-task update; the case is marked escalated, the breach recorded and the
 * supervisors told.
 *
 * <p>Idempotent: the update sets target values (priority at least the escalated one, candidates
 * plus the supervisors) and is skipped when the task already has them, so a redelivered job
 * changes nothing twice. A task the search does not show yet is a technical failure (retried: the
 * search is eventually consistent); a task already completed has nothing left to escalate.
 */
@Component
public class EscalateOverdueTaskWorker {

  static final String TASK_OVERDUE_TEMPLATE = "TASK_OVERDUE";

  private final CaseRepository cases;
  private final NotificationClient notifications;
  private final StepJournal journal;
  private final EscalationProperties properties;
  private final UserTasks userTasks;
  private final Clock clock;

  public EscalateOverdueTaskWorker(CaseRepository cases, NotificationClient notifications, StepJournal journal,
      EscalationProperties properties, UserTasks userTasks, Clock clock) {
    this.cases = cases;
    this.notifications = notifications;
    this.journal = journal;
    this.properties = properties;
    this.userTasks = userTasks;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.ESCALATE_OVERDUE_TASK)
  public void escalate(ActivatedJob job, @Variable String caseId) {
    AgentTask task = AgentTask.of(job.getCustomHeaders().get(Headers.TASK));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.id());
    details.put("supervisorGroup", properties.supervisorGroup());
    details.putAll(escalateTask(job.getProcessInstanceKey(), task));

    AfterSalesCase c = cases.require(caseId);
    if (!c.isEscalated()) {
      c.markEscalated();
      c.touch(clock.instant());
      cases.save(c);
    }
    journal.recordOnce(job, caseId, TimelineKind.HUMAN_TASK, "SLA breached: " + task.id() + " overdue", details);

    // The template addresses the supervisors; customerId only says whose case it is.
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("task", task.id());
    params.put("supervisorGroup", properties.supervisorGroup());
    params.put("caseId", caseId);
    params.put("queue", c.getQueue());
    Notification notification = new Notification(c.getCustomerId(), TASK_OVERDUE_TEMPLATE, params,
        IdempotencyKeys.of(caseId, "notify", TASK_OVERDUE_TEMPLATE + ":" + task.id()));
    journal.call(job, caseId, NotificationClient.NOTIFICATIONS, notification, () -> notifications.deliver(notification));
  }

  /** Raises the open task of the form; returns what the timeline should say about it. */
  private Map<String, Object> escalateTask(long processInstanceKey, AgentTask task) {
    Map<String, Object> outcome = new LinkedHashMap<>();
    List<HumanTask> tasks = userTasks.search(TaskQuery.ofProcessInstance(processInstanceKey)).stream()
        .filter(t -> task.id().equals(t.formId()))
        .toList();
    if (tasks.isEmpty()) {
      throw new IllegalStateException("The user-task search shows no %s task of process instance %d yet"
          .formatted(task.id(), processInstanceKey));
    }
    Optional<HumanTask> open = tasks.stream().filter(HumanTask::open)
        .max(Comparator.comparing(HumanTask::creationTime, Comparator.nullsFirst(Comparator.naturalOrder())));
    if (open.isEmpty()) {
      outcome.put("taskUpdated", false);
      outcome.put("taskOpen", false);
      return outcome;
    }
    HumanTask overdue = open.get();
    int priority = overdue.priority() == null ? 0 : overdue.priority();
    int raised = Math.max(priority, properties.escalatedPriority());
    List<String> groups = new ArrayList<>(overdue.candidateGroups());
    if (!groups.contains(properties.supervisorGroup())) {
      groups.add(properties.supervisorGroup());
    }
    boolean changes = raised != priority || !groups.equals(overdue.candidateGroups());
    Instant dueDate = clock.instant().plus(properties.escalatedDueIn());
    if (changes) {
      userTasks.update(overdue.userTaskKey(), new TaskChanges(raised, groups, dueDate));
    }
    outcome.put("taskUpdated", changes);
    outcome.put("taskId", overdue.taskId());
    outcome.put("assignee", overdue.assignee());
    outcome.put("priority", Map.of("from", priority, "to", raised));
    outcome.put("candidateGroups", groups);
    if (changes) {
      outcome.put("dueDate", dueDate);
    }
    return outcome;
  }
}
