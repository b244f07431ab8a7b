-- Exception orders (docs/exception-orders-process.md): an order the order platform cannot release for
-- shipping, held there while the case resolves it, then released or cancelled exactly once.

-- One row per ORDER_EXCEPTION case. open_key is {orderId}:{type} while the case is open and NULL once it
-- is resolved, so a repeated report of an open exception finds its case while a later one opens a new case.
CREATE TABLE case_order_exception (
    case_id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    open_key             VARCHAR(100)   NULL,
    order_id             VARCHAR(64)    NOT NULL,
    -- ADDRESS_INCOMPLETE, PAYMENT_FAILED, BLACKLISTED_CUSTOMER, CASH_ON_DELIVERY, TOO_MANY_PARCELS, CARRIER_OUT_OF_AREA
    exception_type       VARCHAR(30)    NOT NULL,
    -- the order's paid amount (sum of the lines) when reported: the decision's order amount
    order_amount         DECIMAL(12, 2) NOT NULL,
    note                 VARCHAR(500)   NULL,
    -- personal data: the address as reported and as completed; never in process variables or logs
    address              VARCHAR(300)   NULL,
    normalized_address   VARCHAR(300)   NULL,
    address_confidence   DECIMAL(4, 3)  NULL,
    parcels              INT            NULL,
    region               VARCHAR(64)    NULL,
    weight_grams         INT            NULL,
    carrier              VARCHAR(40)    NULL,
    -- exception-handling decision: RELEASE, COMPLETE_ADDRESS, REQUEST_PAYMENT, SWITCH_CARRIER or AGENT_REVIEW
    handling             VARCHAR(30)    NULL,
    handling_rule        VARCHAR(200)   NULL,
    review_kind          VARCHAR(30)    NULL,
    risk_reason          VARCHAR(200)   NULL,
    chosen_carrier       VARCHAR(40)    NULL,
    payment_request_id   VARCHAR(64)    NULL,
    pay_url              VARCHAR(500)   NULL,
    paid_payment_id      VARCHAR(64)    NULL,
    held_at              TIMESTAMP(3)   NULL,
    escalated_at         TIMESTAMP(3)   NULL,
    -- released or cancelled, never both (the case refuses the second)
    released_at          TIMESTAMP(3)   NULL,
    cancellation_id      VARCHAR(64)    NULL,
    cancelled_at         TIMESTAMP(3)   NULL,
    CONSTRAINT fk_order_exception_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_order_exception_open UNIQUE (open_key),
    INDEX ix_order_exception_type (exception_type)
);
