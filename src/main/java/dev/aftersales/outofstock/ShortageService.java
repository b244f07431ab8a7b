package dev.aftersales.outofstock;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.intake.CaseOpening;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * Opens an OUT_OF_STOCK case for an order line that cannot ship: once per order line, only for a
 * line OMS shows on the order in at least the short quantity, and only before the order was delivered. It is
 * opened as every intake opens a case ({@link CaseOpening}): a rejected report stores nothing, and the case is
 * committed before its process starts.
 */
@Service
public class ShortageService {

  private static final String WHAT = "shortages";

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final CaseOpening opening;
  private final Clock clock;

  public ShortageService(CaseRepository cases, ShortageRepository shortages, CaseOpening opening, Clock clock) {
    this.cases = cases;
    this.shortages = shortages;
    this.opening = opening;
    this.clock = clock;
  }

  /** @param mayReportFor whether the reporter may report for an order of this channel (403 otherwise) */
  public CaseOpening.Outcome report(String orderId, ShortageReport report, String reportedBy,
      Predicate<String> mayReportFor) {
    String bundleSku = report.bundleSkuOrNull();
    String lineKey = Shortage.orderLineKey(orderId, report.sku(), bundleSku);
    Optional<AfterSalesCase> known = existing(lineKey);
    if (known.isPresent()) {
      CaseOpening.requireMayReportFor(known.get().getChannel(), orderId, reportedBy, mayReportFor, WHAT);
      return new CaseOpening.Outcome(known.get(), false);
    }
    OmsOrder order = opening.unshippedOrder(orderId, reportedBy, mayReportFor, WHAT,
        "an item missing from the parcel is a MISSING_ITEM request");
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
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", CaseType.OUT_OF_STOCK.name());
    details.put("orderId", orderId);
    details.put("sku", report.sku());
    details.put("bundleSku", bundleSku);
    details.put("quantity", report.quantity());
    details.put("warehouseId", order.warehouseId());
    // Two reports of the same line that raced past the lookup meet the line's unique key: one case.
    return opening.open(opened, reportedBy, "Case opened: order line cannot ship", details,
        () -> existing(lineKey), Optional::empty, () -> shortages.save(shortage.of(opened)));
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
