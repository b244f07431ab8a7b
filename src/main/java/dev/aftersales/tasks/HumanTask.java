package dev.aftersales.tasks;

import java.time.Instant;
import java.util.List;

/**
 * A Camunda user task of a case's process as the engine's user-task search shows it to agents.
 *
 * @param taskId the engine's user-task key, as text
 * @param elementId the BPMN element of the task
 * @param candidateGroups never null (empty when the task has none)
 * @param dueDate null when the task has none
 * @param completionTime null while the task is open
 */
public record HumanTask(
    String taskId,
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
    long processInstanceKey) {

  public boolean open() {
    return state == TaskState.CREATED;
  }

  /** The engine's key of the user task, for the user-task commands (update, assign, complete). */
  public long userTaskKey() {
    return Long.parseLong(taskId);
  }
}
