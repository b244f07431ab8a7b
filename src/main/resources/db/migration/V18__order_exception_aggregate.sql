-- The exception of an ORDER_EXCEPTION case is an aggregate of its own (issue 15): its own optimistic lock.
ALTER TABLE case_order_exception ADD COLUMN version INT NOT NULL DEFAULT 0;
