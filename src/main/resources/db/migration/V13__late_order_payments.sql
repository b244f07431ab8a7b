-- A pay-link payment of an exception order is kept with its amount; one that comes after the order was
-- cancelled at the payment deadline is refunded once (late_refund_id), as a late exchange difference is.
ALTER TABLE case_order_exception
    ADD COLUMN paid_amount    DECIMAL(12, 2) NULL AFTER paid_payment_id,
    ADD COLUMN late_refund_id VARCHAR(64)    NULL AFTER paid_amount;
