-- Hostile and repeated input (docs/security.md): one claim per unit of an order, one compensation coupon
-- per order, one allocation per stock arrival.

-- One row per order that an after-sales case claimed units of. Intake locks it while it counts what the
-- order's earlier cases claimed, so two requests for the last unit are decided one after the other.
-- coupon_case_id: the case that got the order's compensation coupon; a second case of the order gets none.
CREATE TABLE order_claim (
    order_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    coupon_case_id  VARCHAR(36)   NULL,
    created_at      TIMESTAMP(3)  NOT NULL
);

-- The units claimed are summed over the cases of an order.
CREATE INDEX ix_case_order ON after_sales_case (order_id);

-- arrival_ref: the warehouse's own id of the receipt of stock; the same (warehouse, arrival_ref) is one arrival.
-- Null for stock a case handed on (BackorderQueue). Compared byte for byte: "GRN-1" and "grn-1 " are two
-- arrivals, not one (the default collation ignores case and trailing spaces). outcome: the answer given to
-- the first report, as JSON.
ALTER TABLE stock_arrival
    ADD COLUMN arrival_ref VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN outcome     TEXT        NULL,
    ADD CONSTRAINT uk_stock_arrival_ref UNIQUE (warehouse_id, arrival_ref);
