-- Difference payments: when the 48 h window closed (the payment request was cancelled), and the
-- refund of a payment that arrived after it (idempotency key {caseId}:late-difference-refund).
ALTER TABLE case_difference_payment
    ADD COLUMN window_closed_at TIMESTAMP(3) NULL,
    ADD COLUMN late_refund_id   VARCHAR(64)  NULL;

-- Parcels: items that arrived but are not on the case (an agent decides on them), and whether the
-- parcel came after the case was closed for "no parcel within 7 days" (the late-parcel process).
ALTER TABLE after_sales_case
    ADD COLUMN unexpected_items VARCHAR(2000) NULL,
    ADD COLUMN late_parcel      BOOLEAN       NOT NULL DEFAULT FALSE;

-- Technical failures per job (the retry budget of RetryingJobExceptionHandler): counted here, not in
-- the job's retries, so a restart or a second application instance continues the count.
CREATE TABLE job_attempt (
    job_key        BIGINT       NOT NULL PRIMARY KEY,
    failed         INT          NOT NULL,
    last_failed_at TIMESTAMP(3) NOT NULL,
    INDEX ix_job_attempt_last_failed (last_failed_at)
);
