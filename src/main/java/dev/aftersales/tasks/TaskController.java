package dev.aftersales.tasks;

import dev.aftersales.security.Caller;
import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent task API: the engine's user tasks of a case or a group, by priority, assigned and completed
 * by agents of the application (docs/architecture.md). Completions are validated here, as the forms state.
 */
@RestController
class TaskController {

  private static final Logger log = LoggerFactory.getLogger(TaskController.class);

  /** {@code assignee} null or absent: the task is unassigned. */
  record AssignmentRequest(@Size(min = 1, max = 256) @Pattern(regexp = "\\S.*", message = "must not be blank")
      String assignee) {}

  /** The form's values by field key. */
  record CompletionRequest(@NotNull Map<String, Object> variables) {}

  private final AgentTasks tasks;

  TaskController(AgentTasks tasks) {
    this.tasks = tasks;
  }

  /**
   * Highest priority first, then oldest, each with its case at a glance; every parameter is optional and
   * narrows the list. A user bound to channels gets only the tasks of its channels' cases.
   */
  @GetMapping(ApiPaths.TASKS)
  List<TaskView> list(@RequestParam(required = false) String caseId,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) TaskState state,
      Caller caller) {
    return tasks.list(new UserTasks.TaskQuery(null, caseId, null, candidateGroup, assignee, state), caller);
  }

  /** One task, its case and the variables its form shows (agents only: they may hold the customer's data). */
  @GetMapping(ApiPaths.TASK)
  TaskDetails get(@PathVariable long taskKey, Caller caller) {
    return tasks.details(taskKey, caller);
  }

  @PostMapping(ApiPaths.TASK_ASSIGNMENT)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void assign(@PathVariable long taskKey, @Valid @RequestBody AssignmentRequest request, Caller caller) {
    tasks.assign(taskKey, request.assignee(), caller);
  }

  @PostMapping(ApiPaths.TASK_COMPLETION)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void complete(@PathVariable long taskKey, @Valid @RequestBody CompletionRequest request, Caller caller) {
    tasks.complete(taskKey, request.variables(), caller);
  }

  @ExceptionHandler(UserTaskException.class)
  ResponseEntity<ProblemDetail> engineRefused(UserTaskException ex) {
    HttpStatus status = switch (ex.reason()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case REJECTED -> HttpStatus.CONFLICT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (ex.reason()) {
      case NOT_FOUND -> ex.getMessage();
      case REJECTED -> "The engine refused the change of the task; nothing was changed: " + ex.getMessage();
      case UNAVAILABLE -> "The engine's user-task API is unavailable; nothing was changed. Try again later.";
    });
    problem.setTitle(switch (ex.reason()) {
      case NOT_FOUND -> "Task not found";
      case REJECTED -> "Conflict with the task's state";
      case UNAVAILABLE -> "The engine is unavailable";
    });
    if (ex.reason() == UserTaskException.Reason.UNAVAILABLE) {
      log.warn("Answering 503: {}", ex.getMessage());
      return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }
    return ResponseEntity.status(status).body(problem);
  }
}
