package dev.aftersales.outofstock;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DuplicateKeys;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.Shortage;
import dev.aftersales.intake.ProcessStarter;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens an OUT_OF_STOCK case for an order line that cannot ship: once per order line, only for a
 * line OMS shows on the order in at least the short quantity, and only before the order was delivered. As for channel requests, a rejected
 * report stores nothing, and the case is committed before its process starts.
 */
@Service
public class ShortageService {

  private final CaseRepository cases;
  private final Timeline timeline;
  private final OmsClient oms;
  private final ProcessStarter processes;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final CaseMetrics metrics;

  public ShortageService(CaseRepository cases, Timeline timeline, OmsClient oms, ProcessStarter processes,
      TransactionTemplate transaction, Clock clock, CaseMetrics metrics) {
    this.cases = cases;
    this.timeline = timeline;
    this.oms = oms;
    this.processes = processes;
    this.transaction = transaction;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The case of the order line and whether this report created it (false: the line was reported before). */
  public record Outcome(AfterSalesCase afterSalesCase, boolean created) {}

  private static void requireMayReportFor(String channel, String orderId, String reportedBy,
      Predicate<String> mayReportFor) {
    if (!mayReportFor.test(channel)) {
      throw RequestRejectedException.forbidden("orderId",
          "user " + reportedBy + " may not report shortages of order " + orderId + " (another channel's)");
    }
  }

  /** @param mayReportFor whether the reporter may report for an order of this channel (403 otherwise) */
  public Outcome report(String orderId, ShortageReport report, String reportedBy, Predicate<String> mayReportFor) {
    String bundleSku = report.bundleSkuOrNull();
    String lineKey = Shortage.orderLineKey(orderId, report.sku(), bundleSku);
    Optional<AfterSalesCase> known = existing(lineKey);
    if (known.isPresent()) {
      requireMayReportFor(known.get().getChannel(), orderId, reportedBy, mayReportFor);
      return new Outcome(known.get(), false);
    }
    OmsOrder order = oms.findOrder(orderId).orElseThrow(() ->
        RequestRejectedException.unprocessable("orderId", "unknown order " + orderId));
    requireMayReportFor(order.channel(), orderId, reportedBy, mayReportFor);
    if (order.signedAt() != null) {
      throw RequestRejectedException.unprocessable("orderId", "order " + orderId
          + " was delivered already; an item missing from the parcel is a MISSING_ITEM request");
    }
    String orderedSku = bundleSku != null ? bundleSku : report.sku();
    String field = bundleSku != null ? "bundleSku" : "sku";
    int ordered = order.lines().stream().filter(l -> l.sku().equals(orderedSku)).mapToInt(OrderLine::quantity).sum();
    if (ordered == 0) {
      throw RequestRejectedException.unprocessable(field, "sku " + orderedSku + " is not in order " + orderId);
    }
    if (report.quantity() > ordered) {
      throw RequestRejectedException.unprocessable("quantity",
          "exceeds the " + ordered + " ordered of sku " + orderedSku);
    }

    Instant now = clock.instant();
    Shortage shortage = Shortage.reported(orderId, report.sku(), bundleSku, report.quantity(), order.warehouseId(), now);
    AfterSalesCase opened = AfterSalesCase.shortageReported(order.channel(), shortage,
        description(order, shortage), order.facts(), now);
    try {
      transaction.executeWithoutResult(status -> {
        cases.save(opened);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", CaseType.OUT_OF_STOCK.name());
        details.put("orderId", orderId);
        details.put("sku", report.sku());
        details.put("bundleSku", bundleSku);
        details.put("quantity", report.quantity());
        details.put("warehouseId", order.warehouseId());
        timeline.record(opened.getId(), TimelineKind.STATUS, null, reportedBy, "Case opened: order line cannot ship",
            details);
      });
    } catch (RuntimeException e) {
      // Two reports of the same line raced past the lookup: the unique key let one win; answer with it.
      if (DuplicateKeys.refused(e)) {
        return new Outcome(existing(lineKey).orElseThrow(() -> e), false);
      }
      throw e;
    }
    metrics.opened(CaseType.OUT_OF_STOCK, order.channel());
    processes.startAfterCommit(opened);
    return new Outcome(opened, true);
  }

  private Optional<AfterSalesCase> existing(String orderLineKey) {
    return cases.findIdByShortageKey(orderLineKey).flatMap(cases::findById);
  }

  /** What the agent reads on the contact form: which item, how many, from which warehouse. */
  private static String description(OmsOrder order, Shortage shortage) {
    String name = order.lines().stream().filter(l -> l.sku().equals(shortage.orderedSku())).map(OrderLine::name)
        .filter(n -> n != null && !n.isBlank()).findFirst().orElse(shortage.orderedSku());
    String what = shortage.bundleComponent()
        ? "component %s of the bundle %s (%s)".formatted(shortage.sku(), name, shortage.bundleSku())
        : "%s (%s)".formatted(name, shortage.sku());
    return "%d × %s cannot ship from warehouse %s".formatted(shortage.quantity(), what,
        order.warehouseId() == null ? "unknown" : order.warehouseId());
  }
}
