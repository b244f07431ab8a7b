package dev.aftersales.tasks;

import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What an agent does with tasks through the application: list, assign, complete. A completion is
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

  public AgentTasks(UserTasks userTasks, FormRules forms, CompletionLimits limits) {
    this.userTasks = userTasks;
    this.forms = forms;
    this.limits = limits;
  }

  public List<HumanTask> list(UserTasks.TaskQuery query) {
    return userTasks.search(query);
  }

  /** A task with the variables its form is shown with (the console renders the form with them). */
  public TaskDetails details(long taskKey) {
    HumanTask task = userTasks.find(taskKey).orElseThrow(() -> new UserTaskException(
        UserTaskException.Reason.NOT_FOUND, "There is no user task " + taskKey + ".", null));
    Map<String, Object> variables = userTasks.variables(taskKey);
    String caseId = variables.get(CASE_ID) instanceof String id ? id : null;
    return new TaskDetails(TaskView.of(task), caseId, variables);
  }

  /** {@code assignee} null unassigns. */
  public void assign(long taskKey, String assignee) {
    requireOpen(taskKey);
    userTasks.assign(taskKey, assignee);
  }

  public void complete(long taskKey, Map<String, Object> submitted, String agent) {
    HumanTask task = requireOpen(taskKey);
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
        String caseId = variables.get(CASE_ID) instanceof String id ? id : null;
        problems.addAll(limits.check(task.formId(), caseId, submitted, VARIABLES));
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

  private HumanTask requireOpen(long taskKey) {
    HumanTask task = userTasks.find(taskKey).orElseThrow(() -> new UserTaskException(
        UserTaskException.Reason.NOT_FOUND, "There is no user task " + taskKey + ".", null));
    if (!task.open()) {
      throw RequestRejectedException.conflict("Task " + taskKey + " is " + Objects.toString(task.state())
          + "; only an open task can be assigned or completed.");
    }
    return task;
  }
}
