package dev.aftersales.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the after-sales cases of one order claimed: each unit of an order line is claimed once across
 * every case (returned, exchanged, reported wrong or missing), and the order gets one compensation
 * coupon. The order's {@code order_claim} row is the lock: whoever holds it decides alone, so two
 * requests for the last unit at the same moment are decided one after the other.
 */
@Component
public class OrderClaims {

  /** A case of a customer claim; out-of-stock and exception cases claim no units. */
  private static final String CLAIMING_TYPES = "'RETURN', 'EXCHANGE', 'WRONG_ITEM', 'MISSING_ITEM'";

  private final JdbcClient jdbc;
  private final Clock clock;

  public OrderClaims(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Locks the order's claims until the caller's transaction ends. ON DUPLICATE KEY UPDATE takes the row's
   * exclusive lock at once: an INSERT IGNORE followed by SELECT … FOR UPDATE would take a shared lock
   * first, and two waiters upgrading it deadlock.
   */
  public void lock(String orderId) {
    requireTransaction(orderId);
    ensureRow(orderId);
  }

  private void ensureRow(String orderId) {
    jdbc.sql("""
        INSERT INTO order_claim (order_id, created_at) VALUES (:orderId, :now)
            ON DUPLICATE KEY UPDATE order_id = order_id""")
        .param("orderId", orderId)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /**
   * Units per sku that the order's cases hold. A rejected case gave its units back: nothing was taken
   * from the customer or given to them, so a new request (better evidence) may claim them again.
   * Call while holding {@link #lock}.
   */
  public Map<String, Long> claimedUnits(String orderId) {
    Map<String, Long> claimed = new HashMap<>();
    jdbc.sql("""
        SELECT l.sku, SUM(l.quantity) AS units
          FROM case_line l JOIN after_sales_case c ON c.id = l.case_id
         WHERE c.order_id = :orderId AND c.type IN (%s) AND c.status <> 'REJECTED'
         GROUP BY l.sku""".formatted(CLAIMING_TYPES))
        .param("orderId", orderId)
        .query((rs, row) -> claimed.put(rs.getString("sku"), rs.getLong("units")))
        .list();
    return claimed;
  }

  /**
   * Takes the order's one compensation coupon for this case. True when the case holds it (now or
   * from an earlier run of the same step); false when another case of the order got it.
   */
  public boolean takeCompensationCoupon(String orderId, String caseId) {
    ensureRow(orderId);
    // One UPDATE decides atomically, without a transaction: it sets the holder only while there is none.
    jdbc.sql("UPDATE order_claim SET coupon_case_id = :caseId WHERE order_id = :orderId AND coupon_case_id IS NULL")
        .param("caseId", caseId)
        .param("orderId", orderId)
        .update();
    return couponCase(orderId).map(caseId::equals).orElse(false);
  }

  /** The case that got the order's compensation coupon, if one did. */
  public Optional<String> couponCase(String orderId) {
    return jdbc.sql("SELECT coupon_case_id FROM order_claim WHERE order_id = :orderId")
        .param("orderId", orderId)
        .query(String.class)
        .optional();
  }

  private static void requireTransaction(String orderId) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("locking the claims of order " + orderId + " needs a transaction");
    }
  }
}
