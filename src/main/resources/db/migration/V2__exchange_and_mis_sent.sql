-- Exchange and mis-sent item flows (docs/exchange-and-mis-sent-process.md): what the replacement or
-- reship order, the price difference, the customer's answer and the wrong-item decision left on the case,
-- the wrong item per line, the difference payment, and the warehouse picking errors (a KPI).

ALTER TABLE after_sales_case
    -- after-sales order of an exchange (REPLACEMENT) or a mis-sent item (RESHIP), and its shipment
    ADD COLUMN replacement_order_id   VARCHAR(64)    NULL,
    ADD COLUMN outbound_order_id      VARCHAR(64)    NULL,
    -- Σ (variant price − paid unit price) × quantity: negative is refunded, positive is charged
    ADD COLUMN price_difference       DECIMAL(12, 2) NULL,
    -- the customer's latest answer when the replacement was out of stock (OTHER_VARIANT, REFUND, WAIT)
    ADD COLUMN customer_answer        VARCHAR(30)    NULL,
    ADD COLUMN customer_contact_notes VARCHAR(1000)  NULL,
    -- wrong-item-handling decision: value of the wrong items (null: unknown), keep or send back
    ADD COLUMN wrong_item_value       DECIMAL(12, 2) NULL,
    ADD COLUMN keep_wrong_item        BOOLEAN        NULL,
    ADD COLUMN wrong_item_rule        VARCHAR(200)   NULL;

ALTER TABLE case_line
    -- WRONG_ITEM: the sku that arrived instead of the ordered one (optional)
    ADD COLUMN received_sku    VARCHAR(64) NULL,
    ADD COLUMN stock_corrected BOOLEAN     NOT NULL DEFAULT FALSE;

-- A dearer variant: the customer pays the difference first. Requested once, paid once.
CREATE TABLE case_difference_payment (
    case_id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    amount              DECIMAL(12, 2) NOT NULL,
    idempotency_key     VARCHAR(100)   NOT NULL,
    payment_request_id  VARCHAR(64)    NULL,
    pay_url             VARCHAR(500)   NULL,
    requested_at        TIMESTAMP(3)   NULL,
    payment_id          VARCHAR(64)    NULL,
    paid_amount         DECIMAL(12, 2) NULL,
    paid_at             TIMESTAMP(3)   NULL,
    CONSTRAINT fk_difference_payment_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_difference_payment_key UNIQUE (idempotency_key)
);

-- One picking error per mis-sent case, against the warehouse that shipped the order (KPI).
CREATE TABLE picking_error (
    case_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    warehouse_id     VARCHAR(40)   NULL,
    sku              VARCHAR(64)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    idempotency_key  VARCHAR(100)  NOT NULL,
    reported_at      TIMESTAMP(3)  NOT NULL,
    CONSTRAINT fk_picking_error_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_picking_error_key UNIQUE (idempotency_key),
    INDEX ix_picking_error_warehouse (warehouse_id, reported_at)
);
