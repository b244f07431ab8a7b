package dev.aftersales.tasks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's user tasks: the one port through which the application searches, assigns, completes
 * and escalates human tasks. In production it is the Orchestration Cluster REST API v2 through
 * {@code CamundaClient}; the local stack's in-memory engine (non-production, outside the product jar)
 * has its own adapter. Searches are eventually consistent: a task created a moment ago may be missing.
 */
public interface UserTasks {

  /** The tasks matching every non-null field of the query, highest priority first, then oldest first. */
  List<HumanTask> search(TaskQuery query);

  /** One task by the engine's user-task key; empty when the engine does not know it (yet). */
  Optional<HumanTask> find(long userTaskKey);

  /** The task's variables as the form sees them (its own and its process instance's), JSON values parsed. */
  Map<String, Object> variables(long userTaskKey);

  /**
   * The {@code caseId} variable of each of these process instances, in one search: every process of a case
   * holds it, a called process as its caller's copy, so a task of a called process names its root case. An
   * instance without one (or not yet visible to the search) is left out.
   */
  Map<Long, String> caseIds(Collection<Long> processInstanceKeys);

  /** Assigns the task to the agent; {@code null} unassigns it. */
  void assign(long userTaskKey, String assignee);

  /** Completes the task with the form's variables (already validated by the caller). */
  void complete(long userTaskKey, Map<String, Object> variables);

  /** Changes only the non-null fields: priority 0-100, candidate groups, due date. */
  void update(long userTaskKey, TaskChanges changes);

  /**
   * A search filter; null fields do not filter.
   *
   * @param caseId matches the process instance variable {@code caseId}
   * @param elementId the BPMN element of the task
   */
  record TaskQuery(Long processInstanceKey, String caseId, String elementId, String candidateGroup,
      String assignee, TaskState state) {

    public static TaskQuery ofProcessInstance(long processInstanceKey) {
      return new TaskQuery(processInstanceKey, null, null, null, null, null);
    }

    public static TaskQuery ofCase(String caseId) {
      return new TaskQuery(null, caseId, null, null, null, null);
    }
  }

  /** What an update changes; null fields stay as they are. */
  record TaskChanges(Integer priority, List<String> candidateGroups, Instant dueDate) {}
}
