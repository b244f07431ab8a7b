package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.TaskCompletion;
import dev.aftersales.tasks.TaskCompletions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The completing listener of every user task (zeebe:taskListener, event {@code completing}): its job
 * carries the task's key and assignee, whichever way the task is completed (Tasklist, the agent task
 * API), and the engine completes the task only after this job. So the step after the task finds who
 * completed it without searching the eventually consistent task list.
 *
 * <p>The engine writes the task's properties into the job's headers ({@code io.camunda.zeebe:…}); a
 * gateway of 8.8 or later also hands them out as the job's {@code userTask}. Either is read.
 */
@Component
public class NoteTaskCompletionWorker {

  static final String USER_TASK_KEY_HEADER = "io.camunda.zeebe:userTaskKey";
  static final String ASSIGNEE_HEADER = "io.camunda.zeebe:assignee";

  private final TaskCompletions completions;
  private final Clock clock;

  public NoteTaskCompletionWorker(TaskCompletions completions, Clock clock) {
    this.completions = completions;
    this.clock = clock;
  }

  /** Completes the listener job without variables (a task listener may not set any), which lets the task complete. */
  @JobWorker(type = JobTypes.NOTE_TASK_COMPLETION)
  public void note(ActivatedJob job, @Variable String caseId) {
    UserTaskProperties task = job.getUserTask();
    Long userTaskKey = task != null && task.getUserTaskKey() != null ? task.getUserTaskKey()
        : headerKey(job, USER_TASK_KEY_HEADER);
    if (userTaskKey == null) {
      throw new IllegalStateException("job " + job.getKey() + " of " + job.getType() + " names no user task");
    }
    String assignee = task != null && task.getAssignee() != null ? task.getAssignee()
        : job.getCustomHeaders().get(ASSIGNEE_HEADER);
    completions.note(new TaskCompletion(userTaskKey, job.getProcessInstanceKey(), job.getElementId(), caseId,
        assignee == null || assignee.isBlank() ? null : assignee, clock.instant()));
  }

  private static Long headerKey(ActivatedJob job, String header) {
    String value = job.getCustomHeaders().get(header);
    return value == null || value.isBlank() ? null : Long.valueOf(value);
  }
}
