package dev.aftersales.tasks;

import java.time.Instant;
import java.util.List;

/**
 * A human task as the agent task API lists it. {@code taskKey} is the engine's user-task key (as text,
 * since it exceeds JavaScript's safe integers); {@code formId} names the form under {@code forms/}.
 */
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
    String processInstanceKey) {

  static TaskView of(HumanTask t) {
    return new TaskView(t.taskId(), t.name(), t.elementId(), t.state(), t.assignee(), t.candidateGroups(),
        t.priority(), t.dueDate(), t.creationTime(), t.completionTime(), t.formId(),
        String.valueOf(t.processInstanceKey()));
  }
}
