package dev.aftersales.cases;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A warehouse picking error behind a mis-sent item, counted against the warehouse that shipped the
 * order (a KPI): an aggregate of its own, referenced by its case's id (one per case), changed only by the
 * steps that report and settle it. The warehouse's answer confirms or disputes it; its version catches two
 * writers of the same error.
 */
@Table("picking_error")
public record PickingError(
    @Id String caseId,
    @Version Integer version,
    String warehouseId,
    String sku,
    PickingErrorStatus status,
    String idempotencyKey,
    Instant reportedAt) {

  /** A picking error recorded against a warehouse, not answered yet; saving it inserts it. */
  public static PickingError recorded(String caseId, String warehouseId, String sku, String idempotencyKey,
      Instant at) {
    return new PickingError(caseId, null, warehouseId, sku, PickingErrorStatus.RECORDED, idempotencyKey, at);
  }

  public boolean answered() {
    return status != PickingErrorStatus.RECORDED;
  }

  public PickingError answeredWith(PickingErrorStatus answer) {
    return new PickingError(caseId, version, warehouseId, sku, answer, idempotencyKey, reportedAt);
  }
}
