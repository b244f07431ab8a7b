-- The shortage (backorder) of an OUT_OF_STOCK case is an aggregate of its own (issue 15): its own optimistic lock,
-- which catches a stock arrival allocating to a backorder that a worker ends at the same moment.
ALTER TABLE case_shortage ADD COLUMN version INT NOT NULL DEFAULT 0;
