-- The customer's tier (OMS customerTier: NORMAL, VIP1-VIP3), kept with the order facts at intake: the decision
-- task-priority gives VIP customers' tasks a higher priority and a shorter SLA. Older cases read as NORMAL.
ALTER TABLE after_sales_case ADD COLUMN customer_tier VARCHAR(16) NULL;
