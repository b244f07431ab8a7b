-- A late payment (an exchange's difference after its window, an exception order's pay link after its cancellation) is
-- refunded to the payment channel at once. When the provider declines that refund (and made none under its key), the
-- case is handed to finance (bpmn/late-payment-refund.bpmn): late_refund_declined_at says since when, and the refund
-- is no longer asked of the provider every minute by the payment retry. Finance's refund by hand is recorded in
-- late_refund_id as 'manual:' and finance's reference (up to 100 characters, the form's limit).
ALTER TABLE case_difference_payment ADD COLUMN late_refund_declined_at TIMESTAMP(3) NULL,
    MODIFY COLUMN late_refund_id VARCHAR(120) NULL;
ALTER TABLE case_order_exception ADD COLUMN late_refund_declined_at TIMESTAMP(3) NULL,
    MODIFY COLUMN late_refund_id VARCHAR(120) NULL;
