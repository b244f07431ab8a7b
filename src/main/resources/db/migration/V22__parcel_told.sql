-- When the case's process was told of its parcel: set once the engine took the parcel-received message (or, for a
-- late parcel, the late-parcel-received one) after the receipt's commit. A receipt committed without it (the
-- application stopped, or the engine failed, between the commit and the message) is told again by the receipt
-- retry (receipts.ReceiptRetry) instead of waiting for the warehouse to send it again or for the 7-day timer.
ALTER TABLE after_sales_case ADD COLUMN parcel_told_at TIMESTAMP(3) NULL;

-- Parcels received before this column were told by their receipt (or by the warehouse's resend), as the contract
-- had it: none of them is the retry's.
UPDATE after_sales_case SET parcel_told_at = received_at WHERE received_at IS NOT NULL;

-- The retry's search: untold parcels received before a moment (told ones and cases without a parcel are NULL first).
CREATE INDEX ix_case_parcel_untold ON after_sales_case (parcel_told_at, received_at);
