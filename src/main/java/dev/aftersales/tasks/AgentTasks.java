package dev.aftersales.tasks;

import dev.aftersales.security.Caller;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What an agent does with tasks through the application: list, assign, complete. Every task is shown with
 * its case at a glance ({@link TaskView}); a user bound to channels sees and acts only on the tasks of its
 * channels' cases: another channel's task is as unknown as a task that does not exist (docs/security.md).
 * A completion is
 * checked against its form's rules ({@link FormRules}) and the case's limits ({@link CompletionLimits})
 * before anything is sent to the engine; the completing agent becomes the assignee of an unassigned task,
 * so the task records who completed it.
 */
@Service
public class AgentTasks {

  static final String VARIABLES = "variables.";
  private static final String CASE_ID = "caseId";

  private final UserTasks userTasks;
  private final FormRules forms;
  private final CompletionLimits limits;
  private final TaskCases cases;

  AgentTasks(UserTasks userTasks, FormRules forms, CompletionLimits limits, TaskCases cases) {
    this.userTasks = userTasks;
    this.forms = forms;
    this.limits = limits;
    this.cases = cases;
  }

  /**
   * The tasks of the query with their cases: one search of the tasks, one of their instances' {@code caseId}
   * (none when the query names the case) and one statement of the case store, whatever the number of tasks.
   */
  public List<TaskView> list(UserTasks.TaskQuery query, Caller caller) {
    List<HumanTask> found = userTasks.search(query);
    if (found.isEmpty()) {
      return List.of();
    }
    Map<Long, String> caseIds = query.caseId() != null
        // the search matched the instances' caseId variable: every task found is of this case
        ? found.stream().collect(Collectors.toMap(HumanTask::processInstanceKey,
            t -> query.caseId(), (a, b) -> a))
        : userTasks.caseIds(found.stream().map(HumanTask::processInstanceKey).toList());
    Map<String, TaskCases.TaskCase> byId = cases.byId(caseIds.values());
    return found.stream()
        .map(t -> {
          String caseId = caseIds.get(t.processInstanceKey());
          return TaskView.of(t, caseId, caseId == null ? null : byId.get(caseId));
        })
        .filter(t -> caller.mayRead(t.channel()))
        .toList();
  }

  /** A task with the variables its form is shown with (the console renders the form with them). */
  public TaskDetails details(long taskKey, Caller caller) {
    HumanTask task = require(taskKey);
    Map<String, Object> variables = userTasks.variables(taskKey);
    TaskView view = withCase(task, caseIdOf(variables));
    requireVisible(view, caller);
    return new TaskDetails(view, variables);
  }

  /** {@code assignee} null unassigns. */
  public void assign(long taskKey, String assignee, Caller caller) {
    HumanTask task = require(taskKey);
    requireVisible(task, caller);
    requireOpen(task);
    userTasks.assign(taskKey, assignee);
  }

  public void complete(long taskKey, Map<String, Object> submitted, Caller caller) {
    String agent = caller.username();
    HumanTask task = require(taskKey);
    requireVisible(task, caller);
    requireOpen(task);
    if (task.assignee() != null && !task.assignee().equals(agent)) {
      throw RequestRejectedException.conflict("Task " + taskKey + " is assigned to " + task.assignee()
          + "; it is completed by its assignee (or unassigned first).");
    }
    Map<String, Object> variables = userTasks.variables(taskKey);
    List<FieldProblem> problems = new ArrayList<>();
    if (task.formId() != null) {
      if (!forms.knows(task.formId())) {
        throw RequestRejectedException.conflict("Task " + taskKey + " uses the form " + task.formId()
            + ", which this version of the application does not know.");
      }
      problems.addAll(forms.check(task.formId(), submitted, variables, VARIABLES));
      if (problems.isEmpty()) {
        problems.addAll(limits.check(task.formId(), caseIdOf(variables), submitted, VARIABLES));
      }
    }
    if (!problems.isEmpty()) {
      List<String> fields = problems.stream().map(FieldProblem::field).distinct().toList();
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          "Invalid field%s: %s".formatted(fields.size() == 1 ? "" : "s", String.join(", ", fields)), problems);
    }
    if (task.assignee() == null) {
      userTasks.assign(taskKey, agent);
    }
    userTasks.complete(taskKey, submitted);
  }

  private TaskView withCase(HumanTask task, String caseId) {
    return TaskView.of(task, caseId, caseId == null ? null : cases.byId(Set.of(caseId)).get(caseId));
  }

  private static String caseIdOf(Map<String, Object> variables) {
    return variables.get(CASE_ID) instanceof String id ? id : null;
  }

  private HumanTask require(long taskKey) {
    return userTasks.find(taskKey).orElseThrow(() -> notFound(taskKey));
  }

  /** For a user bound to channels, the task's case is looked up (one search, one statement) before anything else. */
  private void requireVisible(HumanTask task, Caller caller) {
    if (caller.isChannelBound()) {
      requireVisible(withCase(task, userTasks.caseIds(List.of(task.processInstanceKey())).get(task.processInstanceKey())),
          caller);
    }
  }

  /** Another channel's task answers as an unknown one: a channel cannot even learn which tasks exist. */
  private static void requireVisible(TaskView task, Caller caller) {
    if (!caller.mayRead(task.channel())) {
      throw notFound(Long.parseLong(task.taskKey()));
    }
  }

  private static UserTaskException notFound(long taskKey) {
    return new UserTaskException(UserTaskException.Reason.NOT_FOUND, "There is no user task " + taskKey + ".", null);
  }

  private static void requireOpen(HumanTask task) {
    if (!task.open()) {
      throw RequestRejectedException.conflict("Task " + task.taskId() + " is " + Objects.toString(task.state())
          + "; only an open task can be assigned or completed.");
    }
  }
}
