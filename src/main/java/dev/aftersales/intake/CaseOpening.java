package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DuplicateKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestLogContext;
import dev.aftersales.web.RequestRejectedException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way every intake endpoint opens a case (after-sales requests, shortage reports, exception orders):
 * the case and its "Case opened" timeline entry are stored in one transaction, and only then is its process
 * started, so the process never runs ahead of the case it works on; the client is answered after that commit,
 * without waiting for the engine (the stored case is the outbox of {@link ProcessStarter#startAfterCommit}).
 * Two deliveries of the same request or report that raced past the endpoint's checks meet the unique key of the
 * case: the one that lost answers with the case that won. A rejected request stores nothing.
 */
@Component
public class CaseOpening {

  /** The case and whether this call created it (false: it was opened before, by this request or report). */
  public record Outcome(AfterSalesCase afterSalesCase, boolean created) {}

  private final CaseRepository cases;
  private final Timeline timeline;
  private final OmsClient oms;
  private final ProcessStarter processes;
  private final TransactionTemplate transaction;
  private final CaseMetrics metrics;

  public CaseOpening(CaseRepository cases, Timeline timeline, OmsClient oms, ProcessStarter processes,
      TransactionTemplate transaction, CaseMetrics metrics) {
    this.cases = cases;
    this.timeline = timeline;
    this.oms = oms;
    this.processes = processes;
    this.transaction = transaction;
    this.metrics = metrics;
  }

  /**
   * Stores the case, records it opened and hands it to the process starter.
   *
   * @param existing the case opened before by the same request or report, looked up again after a duplicate key
   * @param firstInTransaction runs in the storing transaction before the case is saved (locks, checks against
   *     what other cases hold); a case it returns was stored meanwhile by the same request and is the answer
   * @param parts saves the parts of the case that are aggregates of their own (a shortage), right after the case
   *     in the same transaction
   */
  public Outcome open(AfterSalesCase opened, String actor, String summary, Map<String, Object> details,
      Supplier<Optional<AfterSalesCase>> existing, Supplier<Optional<AfterSalesCase>> firstInTransaction,
      Runnable parts) {
    Optional<AfterSalesCase> repeat;
    try {
      repeat = transaction.execute(status -> {
        Optional<AfterSalesCase> stored = firstInTransaction.get();
        if (stored.isPresent()) {
          return stored;
        }
        cases.save(opened);
        parts.run();
        timeline.record(opened.getId(), TimelineKind.STATUS, null, actor, summary, details);
        return Optional.<AfterSalesCase>empty();
      });
    } catch (RuntimeException e) {
      if (DuplicateKeys.refused(e)) {
        return new Outcome(existing.get().orElseThrow(() -> e), false);
      }
      throw e;
    }
    if (repeat != null && repeat.isPresent()) {
      return new Outcome(repeat.get(), false);
    }
    RequestLogContext.caseId(opened.getId());
    metrics.opened(opened.getType(), opened.getChannel());
    processes.startAfterCommit(opened);
    return new Outcome(opened, true);
  }

  /** As {@link #open(AfterSalesCase, String, String, Map, Supplier, Supplier, Runnable)}, with no parts of its own. */
  public Outcome open(AfterSalesCase opened, String actor, String summary, Map<String, Object> details,
      Supplier<Optional<AfterSalesCase>> existing, Supplier<Optional<AfterSalesCase>> firstInTransaction) {
    return open(opened, actor, summary, details, existing, firstInTransaction, () -> {});
  }

  /**
   * As {@link #open(AfterSalesCase, String, String, Map, Supplier, Supplier, Runnable)}, with nothing to check
   * first.
   */
  public Outcome open(AfterSalesCase opened, String actor, String summary, Map<String, Object> details,
      Supplier<Optional<AfterSalesCase>> existing) {
    return open(opened, actor, summary, details, existing, Optional::empty, () -> {});
  }

  /**
   * The order a warehouse or channel reports about before it shipped (a line that cannot ship, an exception
   * order): known to OMS (422 naming {@code orderId}), the reporter's to report (403), not delivered yet (422).
   *
   * @param what what is reported, for the answers ("shortages", "exceptions")
   * @param whenDelivered why a delivered order is refused, for the 422
   */
  public OmsOrder unshippedOrder(String orderId, String reportedBy, Predicate<String> mayReportFor, String what,
      String whenDelivered) {
    OmsOrder order = oms.findOrder(orderId).orElseThrow(() ->
        RequestRejectedException.unprocessable("orderId", "unknown order " + orderId));
    requireMayReportFor(order.channel(), orderId, reportedBy, mayReportFor, what);
    if (order.signedAt() != null) {
      throw RequestRejectedException.unprocessable("orderId", "order " + orderId + " was delivered already; "
          + whenDelivered);
    }
    return order;
  }

  /** 403 when the reporter may not report about an order of this channel. */
  public static void requireMayReportFor(String channel, String orderId, String reportedBy,
      Predicate<String> mayReportFor, String what) {
    if (!mayReportFor.test(channel)) {
      throw RequestRejectedException.forbidden("orderId",
          "user " + reportedBy + " may not report " + what + " of order " + orderId + " (another channel's)");
    }
  }
}
