package dev.aftersales.cases;

import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A warehouse picking error behind a mis-sent item, counted against the warehouse that shipped the
 * order (a KPI). Stored before the warehouse is told, so the KPI never misses one; the warehouse's
 * answer confirms or disputes it.
 */
@Table("picking_error")
public record PickingError(
    String warehouseId, String sku, PickingErrorStatus status, String idempotencyKey, Instant reportedAt) {

  public boolean answered() {
    return status != PickingErrorStatus.RECORDED;
  }

  public PickingError answeredWith(PickingErrorStatus answer) {
    return new PickingError(warehouseId, sku, answer, idempotencyKey, reportedAt);
  }
}
