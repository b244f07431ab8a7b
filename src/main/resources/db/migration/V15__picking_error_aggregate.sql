-- The picking error is an aggregate of its own (issue 15): its own optimistic lock, as the case has.
ALTER TABLE picking_error ADD COLUMN version INT NOT NULL DEFAULT 0;
