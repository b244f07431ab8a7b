package dev.aftersales.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a reported payment was handed on (its process told, or, late, refunded): {@code payment_handled_at} on the part
 * that holds it ({@link DuePayment.Kind#table}), a note outside that aggregate, so a save of the part never writes it
 * back. What the payment retry of {@link PaymentReports} reads and locks, and the backlog gauge counts.
 */
@Component
public class UnhandledPayments {

  /** Stored before {@code :before} and never handed on: the retry's work. */
  private static final String UNHANDLED = "payment_handled_at IS NULL AND paid_at < :before";

  private final JdbcClient jdbc;

  UnhandledPayments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Notes that the payment of this kind reported on the case was handed on. */
  void handled(DuePayment.Kind kind, String caseId, Instant at) {
    jdbc.sql("UPDATE " + kind.table + " SET payment_handled_at = :at WHERE case_id = :caseId AND "
            + kind.paymentColumn + " IS NOT NULL AND payment_handled_at IS NULL")
        .param("at", Timestamp.from(at)).param("caseId", caseId).update();
  }

  /** The cases whose payment of this kind was stored before {@code before} and never handed on, oldest first. */
  List<String> storedBefore(DuePayment.Kind kind, Instant before) {
    return jdbc.sql("SELECT case_id FROM " + kind.table + " WHERE " + UNHANDLED + " ORDER BY paid_at LIMIT 50")
        .param("before", Timestamp.from(before)).query(String.class).list();
  }

  /** How many payments of every kind were stored before {@code before} and never handed on. */
  public long countStoredBefore(Instant before) {
    return countOfEveryKind(UNHANDLED, Map.of("before", Timestamp.from(before)));
  }

  /**
   * How many late payments of every kind wait for finance: the provider declined their refund and finance has not
   * recorded its refund by hand yet (late-payment-refund.bpmn).
   */
  public long countLateRefundsWithFinance() {
    return countOfEveryKind("late_refund_declined_at IS NOT NULL AND late_refund_id IS NULL", Map.of());
  }

  private long countOfEveryKind(String condition, Map<String, ?> params) {
    long count = 0;
    for (DuePayment.Kind kind : DuePayment.Kind.values()) {
      count += jdbc.sql("SELECT COUNT(*) FROM " + kind.table + " WHERE " + condition).params(params)
          .query(Long.class).single();
    }
    return count;
  }

  /**
   * Locks the part's row for the transaction that hands its payment on; false when it was handed on by now or another
   * transaction holds the lock (another instance's retry is handing it on).
   */
  boolean lockIfUnhandled(DuePayment.Kind kind, String caseId) {
    return jdbc.sql("SELECT case_id FROM " + kind.table + " WHERE case_id = :caseId AND payment_handled_at IS NULL"
            + " FOR UPDATE SKIP LOCKED")
        .param("caseId", caseId).query(String.class).optional().isPresent();
  }
}
