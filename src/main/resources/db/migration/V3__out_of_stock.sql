-- Out-of-stock flow (docs/out-of-stock-process.md): the short order line of a case, its place in the
-- backorder queue of its sku, and every stock arrival with how much of it went to waiting backorders.

-- One short order line per OUT_OF_STOCK case. order_line_key makes a repeated report of the same
-- order line find the case it opened instead of opening a second one.
CREATE TABLE case_shortage (
    case_id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    -- {orderId}:{sku}, or {orderId}:{bundleSku}/{sku} for a component missing from a bundle
    order_line_key     VARCHAR(200)  NOT NULL,
    order_id           VARCHAR(64)   NOT NULL,
    sku                VARCHAR(64)   NOT NULL,
    -- the ordered bundle the missing component belongs to; null for an ordinary line
    bundle_sku         VARCHAR(64)   NULL,
    quantity           INT           NOT NULL,
    -- the warehouse the order ships from: arrivals there wake the backorder
    warehouse_id       VARCHAR(40)   NULL,
    -- when the line was reported short: the backorder's place in the queue of its sku
    reported_at        TIMESTAMP(3)  NOT NULL,
    next_arrival_date  DATE          NULL,
    -- shortage-handling decision: SHIP_NOW, WAIT_FOR_STOCK or CONTACT_CUSTOMER
    handling           VARCHAR(30)   NULL,
    handling_rule      VARCHAR(200)  NULL,
    -- sent with a replacement component of a bundle
    gift_sku           VARCHAR(64)   NULL,
    -- backorder queue: WAITING, STOCK_ALLOCATED (an arrival covered it) or ENDED (cancelled, substituted)
    wait_status        VARCHAR(20)   NULL,
    waiting_since      TIMESTAMP(3)  NULL,
    -- when the customer stopped waiting: stock allocated or shipped, line cancelled or substituted
    wait_ended_at      TIMESTAMP(3)  NULL,
    stock_arrival_id   BIGINT        NULL,
    cancellation_id    VARCHAR(64)   NULL,
    cancelled_at       TIMESTAMP(3)  NULL,
    CONSTRAINT fk_shortage_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id),
    CONSTRAINT uk_shortage_order_line UNIQUE (order_line_key),
    INDEX ix_shortage_queue (sku, wait_status, reported_at),
    INDEX ix_shortage_wait_ended (wait_ended_at)
);

-- Append-only: every arrival the warehouse reported, and how many of its units went to backorders.
CREATE TABLE stock_arrival (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku                 VARCHAR(64)   NOT NULL,
    warehouse_id        VARCHAR(40)   NOT NULL,
    quantity            INT           NOT NULL,
    allocated_quantity  INT           NOT NULL,
    arrived_at          TIMESTAMP(3)  NOT NULL,
    reported_by         VARCHAR(100)  NOT NULL,
    INDEX ix_stock_arrival_sku (sku, arrived_at)
);
