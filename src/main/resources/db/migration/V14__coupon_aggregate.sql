-- The compensation coupon is an aggregate of its own (issue 15): its own optimistic lock, as the case has.
ALTER TABLE case_coupon ADD COLUMN version INT NOT NULL DEFAULT 0;
