-- A step whose retry budget is spent (an incident for the operator) is shown on its case as blocked: which step,
-- since when and the last error, until the operator retries it and the step succeeds (JobAttempts, CaseView).
ALTER TABLE job_attempt
    ADD COLUMN first_failed_at TIMESTAMP(3)  NULL,
    ADD COLUMN case_id         VARCHAR(36)   NULL,
    ADD COLUMN element_id      VARCHAR(100)  NULL,
    ADD COLUMN job_type        VARCHAR(100)  NULL,
    ADD COLUMN last_error      VARCHAR(1000) NULL,
    ADD COLUMN blocked_at      TIMESTAMP(3)  NULL,
    ADD INDEX ix_job_attempt_blocked (blocked_at, case_id);
