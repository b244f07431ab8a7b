-- The console's case search (GET /api/after-sales/cases) filters by order, channel, type or status and lists the
-- newest first; the decision what-if (POST /api/decisions/{decisionId}/what-if) reads the DECISION entries of a
-- period. Without these each would scan its whole table. (customer_id, requested_at) exists since V1, (order_id)
-- since V5.

CREATE INDEX ix_case_channel_requested ON after_sales_case (channel, requested_at);
CREATE INDEX ix_case_type_requested ON after_sales_case (type, requested_at);
CREATE INDEX ix_case_status_requested ON after_sales_case (status, requested_at);
CREATE INDEX ix_timeline_kind_time ON timeline_entry (kind, occurred_at);
