package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.notification.NotificationClient;
import dev.aftersales.integration.notification.NotificationClient.Notification;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskSla;
import dev.aftersales.tasks.UserTasks;
import dev.aftersales.tasks.UserTasks.TaskChanges;
import dev.aftersales.tasks.UserTasks.TaskQuery;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
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
 * A human task passed its due date: the non-interrupting timer {@code taskSla.escalations} fires at the
 * due date and once more one SLA period later (docs/task-priority.md). The task and the agent's work stay.
 * The open task with the header's form in the job's process instance is found through the user-task
 * search and its {@code taskSla} (the task-priority decision made when it was created) read:
 * <ul>
 *   <li>level 1: priority raised to at least the escalated priority, the supervisor group added, the due
 *       date moved to the second level's time (the supervisors' deadline), the case marked escalated;
 *   <li>level 2: the manager group added, the due date moved one more SLA period (the managers' deadline);
 * </ul>
 * and at both levels the supervisors (at level 2 also the managers) are told.
 *
 * <p>Idempotent: the level a job works on is written to the timeline before the task changes, so a
 * redelivered job repeats its own level instead of taking the next; the update sets target values and is
 * skipped when the task has them; each level's notification has its own key. A task the search does not
 * show yet is a technical failure (retried: the search is eventually consistent); a task already
 * completed has nothing left to escalate.
 */
@Component
public class EscalateOverdueTaskWorker {

  static final String TASK_OVERDUE_TEMPLATE = "TASK_OVERDUE";

  private final CaseRepository cases;
  private final NotificationClient notifications;
  private final StepJournal journal;
  private final Timeline timeline;
  private final UserTasks userTasks;
  private final Clock clock;

  public EscalateOverdueTaskWorker(CaseRepository cases, NotificationClient notifications, StepJournal journal,
      Timeline timeline, UserTasks userTasks, Clock clock) {
    this.cases = cases;
    this.notifications = notifications;
    this.journal = journal;
    this.timeline = timeline;
    this.userTasks = userTasks;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.ESCALATE_OVERDUE_TASK)
  public void escalate(ActivatedJob job, @Variable String caseId) {
    String form = job.getCustomHeaders().get(Headers.TASK);
    if (form == null || form.isBlank()) {
      throw new IllegalStateException(job.getElementId() + " has no " + Headers.TASK + " header");
    }
    Optional<HumanTask> open = openTask(job.getProcessInstanceKey(), form);
    if (open.isEmpty()) {
      journal.recordOnce(job, caseId, TimelineKind.HUMAN_TASK, "Overdue " + form + " task already completed",
          Map.of("task", form, "taskOpen", false));
      return;
    }
    HumanTask overdue = open.get();
    TaskSla sla = TaskSla.of(userTasks.variables(overdue.userTaskKey()).get(TaskSla.VARIABLE));
    int level = levelOf(job, caseId).orElseGet(() ->
        overdue.candidateGroups().contains(sla.supervisorGroup()) ? 2 : 1);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", form);
    details.put("taskId", overdue.taskId());
    details.put("level", level);
    details.put("assignee", overdue.assignee());
    details.put("supervisorGroup", sla.supervisorGroup());
    if (level == 2) {
      details.put("managerGroup", sla.managerGroup());
    }
    // The level is on record before the task changes: a redelivered job repeats it.
    journal.recordOnce(job, caseId, TimelineKind.HUMAN_TASK,
        "SLA breached: " + form + " overdue, escalated to the " + (level == 1 ? "supervisors" : "managers"), details);
    changeTask(overdue, sla, level);

    AfterSalesCase c = cases.require(caseId);
    if (!c.isEscalated()) {
      c.markEscalated();
      c.touch(clock.instant());
      cases.save(c);
    }

    // The template addresses the groups told; customerId only says whose case it is.
    List<String> told = level == 1 ? List.of(sla.supervisorGroup()) : List.of(sla.supervisorGroup(), sla.managerGroup());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("task", form);
    params.put("level", level);
    params.put("supervisorGroup", sla.supervisorGroup());
    params.put("groups", told);
    params.put("caseId", caseId);
    params.put("queue", c.getQueue());
    Notification notification = new Notification(c.getCustomerId(), TASK_OVERDUE_TEMPLATE, params,
        IdempotencyKeys.of(caseId, "notify", "%s:%s:%s:L%d".formatted(TASK_OVERDUE_TEMPLATE, form, overdue.taskId(), level)));
    journal.call(job, caseId, NotificationClient.NOTIFICATIONS, notification, () -> notifications.deliver(notification));
  }

  private Optional<HumanTask> openTask(long processInstanceKey, String form) {
    List<HumanTask> tasks = userTasks.search(TaskQuery.ofProcessInstance(processInstanceKey)).stream()
        .filter(t -> form.equals(t.formId()))
        .toList();
    if (tasks.isEmpty()) {
      throw new IllegalStateException("The user-task search shows no %s task of process instance %d yet"
          .formatted(form, processInstanceKey));
    }
    return tasks.stream().filter(HumanTask::open)
        .max(Comparator.comparing(HumanTask::creationTime, Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  /** The level this job already recorded, when it ran before. */
  private Optional<Integer> levelOf(ActivatedJob job, String caseId) {
    if (!timeline.recordedByJob(caseId, TimelineKind.HUMAN_TASK, job.getKey())) {
      return Optional.empty();
    }
    return timeline.of(caseId).stream()
        .filter(e -> e.kind() == TimelineKind.HUMAN_TASK)
        .map(TimelineEntry::details)
        .filter(d -> String.valueOf(job.getKey()).equals(String.valueOf(d.get("jobKey"))) && d.get("level") instanceof Number)
        .map(d -> ((Number) d.get("level")).intValue())
        .findFirst();
  }

  /** Target values of the level; nothing is sent when the task already has them. */
  private void changeTask(HumanTask task, TaskSla sla, int level) {
    int priority = task.priority() == null ? 0 : task.priority();
    List<String> groups = new ArrayList<>(task.candidateGroups());
    if (!groups.contains(sla.supervisorGroup())) {
      groups.add(sla.supervisorGroup());
    }
    if (level == 2 && !groups.contains(sla.managerGroup())) {
      groups.add(sla.managerGroup());
    }
    int raised = Math.max(priority, sla.escalatedPriority());
    // The supervisors have until the managers come in; the managers one more SLA period.
    Instant due = level == 1 ? sla.managersAt() : sla.managersAt().plus(sla.sla());
    boolean moveDue = task.dueDate() == null || task.dueDate().isBefore(due);
    if (raised != priority || !groups.equals(task.candidateGroups()) || moveDue) {
      userTasks.update(task.userTaskKey(), new TaskChanges(raised, groups, moveDue ? due : null));
    }
  }
}
