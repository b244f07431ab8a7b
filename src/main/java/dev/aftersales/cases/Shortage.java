package dev.aftersales.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The order line an OUT_OF_STOCK case is about, and its backorder: when it was reported (its place
 * in the queue of its sku), what the warehouse said about the next arrival, how it was decided to
 * handle it, and how long the customer waited (docs/out-of-stock-process.md). An aggregate of its own,
 * referenced by its case's id (one per OUT_OF_STOCK case): the steps of the backorder and the stock arrivals
 * load and save it alone, and its version catches an arrival allocating stock to a backorder a worker is
 * ending at the same moment.
 *
 * @param caseId the case it belongs to; null until the case is opened ({@link #of})
 * @param orderLineKey {@code {orderId}:{sku}}, or {@code {orderId}:{bundleSku}/{sku}}: one case per order line
 * @param bundleSku the ordered bundle that lacks the component {@code sku}; null for an ordinary line
 * @param quantity units short; for a bundle, bundles lacking the component
 * @param warehouseId the warehouse the order ships from; its arrivals wake the backorder
 */
@Table("case_shortage")
public record Shortage(
    @Id String caseId,
    @Version Integer version,
    String orderLineKey,
    String orderId,
    String sku,
    String bundleSku,
    int quantity,
    String warehouseId,
    Instant reportedAt,
    LocalDate nextArrivalDate,
    String handling,
    String handlingRule,
    String giftSku,
    BackorderStatus waitStatus,
    Instant waitingSince,
    Instant waitEndedAt,
    Long stockArrivalId,
    String cancellationId,
    Instant cancelledAt) {

  /** Where a backorder stands in the queue of its sku. */
  public enum BackorderStatus {
    /** In the queue: the next arrival that covers it wakes it. */
    WAITING,
    /** An arrival covered it; the process ships it. */
    STOCK_ALLOCATED,
    /** Left the queue without stock: cancelled or substituted. */
    ENDED
  }

  public static String orderLineKey(String orderId, String sku, String bundleSku) {
    return orderId + ":" + (bundleSku == null ? sku : bundleSku + "/" + sku);
  }

  public static Shortage reported(String orderId, String sku, String bundleSku, int quantity, String warehouseId,
      Instant at) {
    return new Shortage(null, null, orderLineKey(orderId, sku, bundleSku), orderId, sku, bundleSku, quantity,
        warehouseId, at, null, null, null, null, null, null, null, null, null, null);
  }

  /** This shortage as the one of the case opened for it; saving it inserts it. */
  public Shortage of(AfterSalesCase opened) {
    return new Shortage(opened.getId(), null, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate, handling, handlingRule, giftSku, waitStatus, waitingSince, waitEndedAt,
        stockArrivalId, cancellationId, cancelledAt);
  }

  public boolean bundleComponent() {
    return bundleSku != null;
  }

  /** The order line OMS knows: the bundle for a missing component, else the short sku. */
  public String orderedSku() {
    return bundleSku != null ? bundleSku : sku;
  }

  public boolean waiting() {
    return waitStatus == BackorderStatus.WAITING;
  }

  public boolean waitOver() {
    return waitEndedAt != null;
  }

  /** How long the customer has waited: from the report until the wait ended, or until {@code now}. */
  public Duration waited(Instant now) {
    return Duration.between(reportedAt, waitEndedAt != null ? waitEndedAt : now);
  }

  public Shortage arrivalExpected(LocalDate date) {
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, date, handling,
        handlingRule, giftSku, waitStatus, waitingSince, waitEndedAt, stockArrivalId, cancellationId, cancelledAt);
  }

  public Shortage decided(String handling, String rule, String giftSku) {
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
        handling, rule, giftSku, waitStatus, waitingSince, waitEndedAt, stockArrivalId, cancellationId, cancelledAt);
  }

  /** Joins the queue; a backorder waiting again keeps the time it first waited. */
  public Shortage queued(Instant at) {
    if (waitStatus == BackorderStatus.STOCK_ALLOCATED || waitStatus == BackorderStatus.WAITING) {
      return this;
    }
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
        handling, handlingRule, giftSku, BackorderStatus.WAITING, waitingSince != null ? waitingSince : at, null,
        stockArrivalId, cancellationId, cancelledAt);
  }

  public Shortage stockAllocated(long arrivalId, Instant at) {
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
        handling, handlingRule, giftSku, BackorderStatus.STOCK_ALLOCATED, waitingSince, at, arrivalId,
        cancellationId, cancelledAt);
  }

  /** The line ships (at once, or with allocated stock): the wait ends now unless an allocation ended it. */
  public Shortage shipped(Instant at) {
    return waitEndedAt != null ? this
        : new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
            handling, handlingRule, giftSku, waitStatus, waitingSince, at, stockArrivalId, cancellationId,
            cancelledAt);
  }

  /**
   * Leaves the queue without shipping (cancelled or substituted). Stock an arrival allocated to it in
   * the meantime is given back: {@link #stockToHandOn} tells how much, before this is applied.
   */
  public Shortage ended(Instant at) {
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
        handling, handlingRule, giftSku, waitStatus == null ? null : BackorderStatus.ENDED, waitingSince,
        waitEndedAt != null ? waitEndedAt : at, stockArrivalId, cancellationId, cancelledAt);
  }

  /** Units allocated to this backorder that must go to the next one, as the line will not ship: 0 when none. */
  public int stockToHandOn() {
    return waitStatus == BackorderStatus.STOCK_ALLOCATED ? quantity : 0;
  }

  public Shortage cancelled(String cancellationId, Instant at) {
    return new Shortage(caseId, version, orderLineKey, orderId, sku, bundleSku, quantity, warehouseId,
        reportedAt, nextArrivalDate,
        handling, handlingRule, giftSku, waitStatus, waitingSince, waitEndedAt, stockArrivalId, cancellationId, at)
        .ended(at);
  }
}
