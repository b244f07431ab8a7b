-- The KPI report (GET /api/reports/kpis, docs/kpis.md) selects by period: cases opened or closed,
-- refunds and coupons issued, picking errors and shortages reported in it. Without these indexes each
-- of its queries would read its whole table.

CREATE INDEX ix_case_requested ON after_sales_case (requested_at);
CREATE INDEX ix_case_closed ON after_sales_case (closed_at);
CREATE INDEX ix_refund_issued ON case_refund (issued_at);
CREATE INDEX ix_coupon_issued ON case_coupon (issued_at);
CREATE INDEX ix_picking_error_reported ON picking_error (reported_at);
CREATE INDEX ix_shortage_reported ON case_shortage (reported_at);
