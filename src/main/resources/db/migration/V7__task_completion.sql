-- Who completed a user task and when: noted by the task's completing listener (note-task-completion) while the
-- engine completes it, read by the step that records the agent's decision in the timeline. The user-task search
-- is eventually consistent; this row exists before the step after the task is even activated.
CREATE TABLE task_completion (
    user_task_key         BIGINT        NOT NULL PRIMARY KEY,
    process_instance_key  BIGINT        NOT NULL,
    element_id            VARCHAR(100)  NOT NULL,
    case_id               VARCHAR(36)   NULL,
    assignee              VARCHAR(256)  NULL,
    completed_at          TIMESTAMP(3)  NOT NULL,
    INDEX ix_task_completion_instance (process_instance_key, completed_at)
);
