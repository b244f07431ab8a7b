-- Difference payments: when the 48 h window closed (the payment request was cancelled), and the
-- refund of a payment that arrived after it (idempotency key {caseId}:late-difference-refund).
ALTER TABLE case_difference_payment
    ADD COLUMN window_closed_at TIMESTAMP(3) NULL,
    ADD COLUMN late_refund_id   VARCHAR(64)  NULL;
