-- The order as OMS reported it at intake, with the evidence the customer sent: an aggregate of its own keyed by
-- the case's id (issue 15), written once by the opening path and read only by the steps that need it, so that a
-- save of the case rewrites its return lines alone. Its lists keep their tables; their rows now belong to it.
CREATE TABLE case_order_snapshot (
    case_id VARCHAR(36) NOT NULL PRIMARY KEY,
    version INT         NOT NULL DEFAULT 0,
    CONSTRAINT fk_order_snapshot_case FOREIGN KEY (case_id) REFERENCES after_sales_case (id)
);

INSERT INTO case_order_snapshot (case_id, version) SELECT id, 0 FROM after_sales_case;

ALTER TABLE case_order_line DROP FOREIGN KEY fk_order_line_case;
ALTER TABLE case_order_line ADD CONSTRAINT fk_order_line_snapshot
    FOREIGN KEY (case_id) REFERENCES case_order_snapshot (case_id);
ALTER TABLE case_evidence DROP FOREIGN KEY fk_evidence_case;
ALTER TABLE case_evidence ADD CONSTRAINT fk_evidence_snapshot
    FOREIGN KEY (case_id) REFERENCES case_order_snapshot (case_id);
