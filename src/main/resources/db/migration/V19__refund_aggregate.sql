-- The refund is an aggregate of its own (issue 15): its own optimistic lock, as the case has.
ALTER TABLE case_refund ADD COLUMN version INT NOT NULL DEFAULT 0;
