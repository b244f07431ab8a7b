-- A payment the channel reports is stored, then handed on: the process waiting for it is told (paid in time), or, paid
-- after the process stopped waiting, it is refunded. payment_handled_at is set once that was done. A payment stored
-- without it (the application stopped, the engine failed or the refund was refused between the commit and the hand-on,
-- and the channel never sent the report again) is handed on by the payment retry (payments.PaymentReports#retryBefore)
-- instead of waiting for the window's close or the deadline to refund it, or, for a late payment, staying unrefunded.
ALTER TABLE case_difference_payment ADD COLUMN payment_handled_at TIMESTAMP(3) NULL;

-- The exception order's payment keeps when it was stored, as the difference payment does: the retry's moment.
ALTER TABLE case_order_exception ADD COLUMN paid_at TIMESTAMP(3) NULL;
ALTER TABLE case_order_exception ADD COLUMN payment_handled_at TIMESTAMP(3) NULL;
UPDATE case_order_exception e JOIN after_sales_case c ON c.id = e.case_id
    SET e.paid_at = c.updated_at WHERE e.paid_payment_id IS NOT NULL;

-- Payments stored before these columns were handed on by their report or by the channel's resend, as the contract had
-- it, except a late one not refunded yet: that one is the retry's.
UPDATE case_difference_payment SET payment_handled_at = paid_at
    WHERE payment_id IS NOT NULL AND NOT (window_closed_at IS NOT NULL AND late_refund_id IS NULL);
UPDATE case_order_exception SET payment_handled_at = paid_at
    WHERE paid_payment_id IS NOT NULL AND NOT (cancelled_at IS NOT NULL AND late_refund_id IS NULL);

-- The retry's search: payments not handed on, stored before a moment.
CREATE INDEX ix_difference_payment_unhandled ON case_difference_payment (payment_handled_at, paid_at);
CREATE INDEX ix_order_exception_unhandled ON case_order_exception (payment_handled_at, paid_at);
