package dev.aftersales.tasks;

import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A human task as the agent task API lists it. {@code taskKey} is the engine's user-task key (as text,
 * since it exceeds JavaScript's safe integers); {@code formId} names the form under {@code forms/}.
 * {@code processInstanceKey} is the task's own process instance (a called process's, for a task of one);
 * {@code caseId} is the case it works on, whichever process of the case it belongs to, and the fields after
 * it are that case at a glance (null when the task's case is not known).
 *
 * @param caseType the case's type (RETURN, EXCHANGE …)
 * @param caseStatus the case's status
 * @param channel the sales channel of the case
 * @param orderId the order the case is about
 * @param customerTier the customer's tier (NORMAL, VIP1–VIP3) as the order platform reported it
 * @param urgent whether the case is urgent (an approved quality return)
 */
// named apart from the case view's TaskView, which the OpenAPI description would otherwise take for this one
@Schema(name = "AgentTaskView")
public record TaskView(
    String taskKey,
    String name,
    String elementId,
    TaskState state,
    String assignee,
    List<String> candidateGroups,
    Integer priority,
    Instant dueDate,
    Instant creationTime,
    Instant completionTime,
    String formId,
    String processInstanceKey,
    String caseId,
    CaseType caseType,
    CaseStatus caseStatus,
    String channel,
    String orderId,
    String customerTier,
    Boolean urgent) {

  /** {@code caseId} null: the task's case is unknown; {@code c} null: the case store does not know it. */
  static TaskView of(HumanTask t, String caseId, TaskCases.TaskCase c) {
    return new TaskView(t.taskId(), t.name(), t.elementId(), t.state(), t.assignee(), t.candidateGroups(),
        t.priority(), t.dueDate(), t.creationTime(), t.completionTime(), t.formId(),
        String.valueOf(t.processInstanceKey()), caseId,
        c == null ? null : c.type(), c == null ? null : c.status(), c == null ? null : c.channel(),
        c == null ? null : c.orderId(), c == null ? null : c.customerTier(), c == null ? null : c.urgent());
  }
}
