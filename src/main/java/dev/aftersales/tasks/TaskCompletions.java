package dev.aftersales.tasks;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The completions the completing listener noted (table {@code task_completion}). */
@Repository
public class TaskCompletions {

  private final JdbcClient jdbc;

  public TaskCompletions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: a listener job delivered again notes the same task once, with its latest view. */
  public void note(TaskCompletion completion) {
    jdbc.sql("""
            INSERT INTO task_completion
              (user_task_key, process_instance_key, element_id, case_id, assignee, completed_at)
            VALUES (:userTaskKey, :processInstanceKey, :elementId, :caseId, :assignee, :completedAt)
            ON DUPLICATE KEY UPDATE assignee = VALUES(assignee), completed_at = VALUES(completed_at)""")
        .param("userTaskKey", completion.userTaskKey())
        .param("processInstanceKey", completion.processInstanceKey())
        .param("elementId", completion.elementId())
        .param("caseId", completion.caseId())
        .param("assignee", completion.assignee())
        .param("completedAt", Timestamp.from(completion.completedAt()))
        .update();
  }

  /**
   * The task of this process instance completed last: the one whose outcome the step right after a
   * user task records (the models put that step directly after its task).
   */
  public Optional<TaskCompletion> latestOf(long processInstanceKey) {
    return jdbc.sql("""
            SELECT user_task_key, process_instance_key, element_id, case_id, assignee, completed_at
              FROM task_completion WHERE process_instance_key = :processInstanceKey
             ORDER BY completed_at DESC, user_task_key DESC LIMIT 1""")
        .param("processInstanceKey", processInstanceKey)
        .query((rs, row) -> new TaskCompletion(rs.getLong("user_task_key"), rs.getLong("process_instance_key"),
            rs.getString("element_id"), rs.getString("case_id"), rs.getString("assignee"),
            rs.getTimestamp("completed_at").toInstant()))
        .optional();
  }
}
