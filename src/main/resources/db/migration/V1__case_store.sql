-- The case store: one after-sales case aggregate (case, order snapshot, return lines, evidence, refund, coupon)
-- and its append-only timeline. Money is DECIMAL(12,2) CNY; times are UTC instants (TIMESTAMP(3)).

CREATE TABLE after_sales_case (
    id                     VARCHAR(36)    NOT NULL PRIMARY KEY,
    version                INT            NOT NULL,
    type                   VARCHAR(20)    NOT NULL,
    status                 VARCHAR(30)    NOT NULL,
    channel                VARCHAR(30)    NOT NULL,
    channel_request_id     VARCHAR(100)   NOT NULL,
    order_id               VARCHAR(64)    NOT NULL,
    customer_id            VARCHAR(64)    NOT NULL,
    requested_at           TIMESTAMP(3)   NOT NULL,
    stated_reason          VARCHAR(20)    NULL,
    reason                 VARCHAR(20)    NULL,
    reason_source          VARCHAR(20)    NULL,
    classifier_confidence  DECIMAL(4, 3)  NULL,
    queue                  VARCHAR(40)    NULL,
    description            VARCHAR(2000)  NULL,
    unopened               BOOLEAN        NULL,
    decision               VARCHAR(30)    NULL,
    decision_rule          VARCHAR(200)   NULL,
    urgent                 BOOLEAN        NOT NULL DEFAULT FALSE,
    escalated              BOOLEAN        NOT NULL DEFAULT FALSE,
    -- order facts captured at intake (OMS is asked once)
    order_placed_at        TIMESTAMP(3)   NULL,
    order_signed_at        TIMESTAMP(3)   NULL,
    promotion              VARCHAR(40)    NULL,
    payment_id             VARCHAR(64)    NOT NULL,
    payment_method         VARCHAR(30)    NOT NULL,
    installment_plan_id    VARCHAR(64)    NULL,
    freight_insurance      BOOLEAN        NOT NULL,
    warehouse_id           VARCHAR(40)    NULL,
    -- decided along the way
    window_days            INT            NULL,
    promotion_window       BOOLEAN        NULL,
    tracking_number        VARCHAR(64)    NULL,
    label_url              VARCHAR(500)   NULL,
    freight_cost           DECIMAL(12, 2) NULL,
    insurance_claim_id     VARCHAR(64)    NULL,
    insurance_payout       DECIMAL(12, 2) NULL,
    deduction_amount       DECIMAL(12, 2) NULL,
    deduction_reason       VARCHAR(500)   NULL,
    process_instance_key   BIGINT         NULL,
    received_at            TIMESTAMP(3)   NULL,
    closed_at              TIMESTAMP(3)   NULL,
    created_at             TIMESTAMP(3)   NOT NULL,
    updated_at             TIMESTAMP(3)   NOT NULL,
    CONSTRAINT uk_case_channel_request UNIQUE (channel, channel_request_id),
    INDEX ix_case_customer (customer_id, requested_at),
    INDEX ix_case_tracking (tracking_number),
    INDEX ix_case_status (status)
);

CREATE TABLE case_order_line (
    case_id       VARCHAR(36)    NOT NULL,
    line_no       INT            NOT NULL,
    sku           VARCHAR(64)    NOT NULL,
    name          VARCHAR(200)   NULL,
    quantity      INT            NOT NULL,
    unit_price    DECIMAL(12, 2) NOT NULL,
    paid_amount   DECIMAL(12, 2) NOT NULL,
    gift          BOOLEAN        NOT NULL,
    barcode       VARCHAR(64)    NULL,
    PRIMARY KEY (case_id, line_no),
    CONSTRAINT fk_order_line_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id)
);

CREATE TABLE case_line (
    case_id          VARCHAR(36)  NOT NULL,
    line_no          INT          NOT NULL,
    sku              VARCHAR(64)  NOT NULL,
    quantity         INT          NOT NULL,
    exchange_sku     VARCHAR(64)  NULL,
    scanned_barcode  VARCHAR(64)  NULL,
    grade            VARCHAR(20)  NULL,
    disposition      VARCHAR(20)  NULL,
    discount_percent INT          NULL,
    PRIMARY KEY (case_id, line_no),
    CONSTRAINT fk_line_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id)
);

CREATE TABLE case_evidence (
    case_id   VARCHAR(36)   NOT NULL,
    idx       INT           NOT NULL,
    url       VARCHAR(1000) NOT NULL,
    kind      VARCHAR(10)   NOT NULL,
    ocr_text  VARCHAR(2000) NULL,
    PRIMARY KEY (case_id, idx),
    CONSTRAINT fk_evidence_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id)
);

CREATE TABLE case_refund (
    case_id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    lines_amount        DECIMAL(12, 2) NOT NULL,
    gift_deduction      DECIMAL(12, 2) NOT NULL,
    agent_deduction     DECIMAL(12, 2) NOT NULL,
    freight_credit      DECIMAL(12, 2) NOT NULL,
    amount              DECIMAL(12, 2) NOT NULL,
    status              VARCHAR(20)    NOT NULL,
    idempotency_key     VARCHAR(100)   NOT NULL,
    refund_id           VARCHAR(64)    NULL,
    installment_reversed BOOLEAN       NOT NULL DEFAULT FALSE,
    issued_at           TIMESTAMP(3)   NULL,
    CONSTRAINT fk_refund_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_refund_key UNIQUE (idempotency_key)
);

CREATE TABLE case_coupon (
    case_id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    amount           DECIMAL(12, 2) NOT NULL,
    threshold        DECIMAL(12, 2) NOT NULL,
    reason           VARCHAR(100)   NOT NULL,
    idempotency_key  VARCHAR(100)   NOT NULL,
    coupon_id        VARCHAR(64)    NULL,
    issued_at        TIMESTAMP(3)   NULL,
    CONSTRAINT fk_coupon_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_coupon_key UNIQUE (idempotency_key)
);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE timeline_entry (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id      VARCHAR(36)   NOT NULL,
    occurred_at  TIMESTAMP(6)  NOT NULL,
    kind         VARCHAR(20)   NOT NULL,
    element_id   VARCHAR(100)  NULL,
    actor        VARCHAR(100)  NOT NULL,
    summary      VARCHAR(500)  NOT NULL,
    details      TEXT          NULL,
    INDEX ix_timeline_case (case_id, id),
    CONSTRAINT fk_timeline_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id)
);
