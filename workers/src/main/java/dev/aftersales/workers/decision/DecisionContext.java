package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.workers.classification.EvidenceText;
import dev.aftersales.workers.oms.ProductPrices;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link DecisionFacts} of a case: the one place where a decision's inputs come from
 * (docs/decisions.md). Which facts matter, and with which thresholds, is for the DMN to say.
 */
@Component
public class DecisionContext {

  /** The process variable (local to the business rule task) that holds the facts. */
  public static final String FACTS = "facts";

  private final JdbcClient jdbc;
  private final EvidenceText evidenceText;
  private final ProductPrices prices;
  private final ShortageRepository shortages;
  private final OrderSnapshotRepository snapshots;
  private final OrderExceptionRepository exceptions;

  public DecisionContext(JdbcClient jdbc, EvidenceText evidenceText, ProductPrices prices,
      ShortageRepository shortages, OrderExceptionRepository exceptions, OrderSnapshotRepository snapshots) {
    this.snapshots = snapshots;
    this.exceptions = exceptions;
    this.shortages = shortages;
    this.jdbc = jdbc;
    this.evidenceText = evidenceText;
    this.prices = prices;
  }

  /**
   * @param inStock shortages: whether the warehouse has the short quantity (from {@code check-next-arrival})
   * @param daysUntilArrival shortages and replacements: whole days until the next arrival; null without a date
   * @param timesWaited how often the customer already waited for the replacement's or reshipment's stock
   */
  public DecisionFacts of(ActivatedJob job, AfterSalesCase c, Boolean inStock, Long daysUntilArrival,
      Integer timesWaited) {
    return of(job, c, snapshots.require(c.getId()), inStock, daysUntilArrival, timesWaited);
  }

  /** As {@link #of(ActivatedJob, AfterSalesCase, Boolean, Long, Integer)}, with the case's order snapshot at hand. */
  public DecisionFacts of(ActivatedJob job, AfterSalesCase c, OrderSnapshot order, Boolean inStock,
      Long daysUntilArrival, Integer timesWaited) {
    Instant requested = c.getRequestedAt();
    ReturnCounts returns = returnsUpTo(c);
    Optional<OrderException> exception = exceptions.ofCase(c);
    return new DecisionFacts(
        c.getType().name(),
        c.getChannel(),
        c.getCustomerId(),
        c.getCustomerTier(),
        c.isUrgent(),
        money(order.getOrderLines().stream().map(OrderLine::paidAmount).filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add)),
        c.getPromotion(),
        c.getPaymentMethod() == null ? null : c.getPaymentMethod().name(),
        c.isFreightInsurance(),
        c.getOrderSignedAt() == null ? null : BusinessCalendar.wholeDaysBetween(c.getOrderSignedAt(), requested),
        returns.in30Days(),
        returns.in90Days(),
        returns.in365Days(),
        c.getStatedReason() == null ? null : c.getStatedReason().name(),
        c.getReason() == null ? null : c.getReason().name(),
        c.getUnopened(),
        c.getDescription(),
        toBeClassified(c) ? evidenceText.of(job, c, order) : storedOcrText(order),
        (int) order.getEvidence().stream().filter(e -> e.kind() == EvidenceKind.PHOTO).count(),
        (int) order.getEvidence().stream().filter(e -> e.kind() == EvidenceKind.VIDEO).count(),
        c.getLines().stream().mapToInt(ReturnLine::quantity).sum(),
        c.getType() == CaseType.WRONG_ITEM ? wrongItemValue(job, c).orElse(null) : null,
        shortages.ofCase(c).map(s -> s.bundleComponent()).orElse(null),
        inStock,
        daysUntilArrival,
        timesWaited,
        exception.map(e -> e.exceptionType().name()).orElse(null),
        exception.map(e -> e.parcels()).orElse(null));
  }

  private record ReturnCounts(int in30Days, int in90Days, int in365Days) {}

  /**
   * Return requests of the customer in the last 30, 90 and 365 days up to this request, this one included
   * (the abuse guard counts the request being decided), in one query.
   */
  private ReturnCounts returnsUpTo(AfterSalesCase c) {
    Instant until = c.getRequestedAt();
    return jdbc.sql("""
            SELECT COALESCE(SUM(requested_at >= :since30), 0), COALESCE(SUM(requested_at >= :since90), 0), COUNT(*)
            FROM after_sales_case
            WHERE customer_id = :customerId AND type = 'RETURN' AND requested_at >= :since365
              AND requested_at <= :until""")
        .param("customerId", c.getCustomerId())
        .param("since30", until.minus(Duration.ofDays(30)))
        .param("since90", until.minus(Duration.ofDays(90)))
        .param("since365", until.minus(Duration.ofDays(365)))
        .param("until", until)
        .query((rs, n) -> new ReturnCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
        .single();
  }

  /**
   * A return or exchange whose reason the channel did not state and nobody classified yet: its photos are
   * read now (once). Other decisions, and other kinds of case, see what was read before.
   */
  private static boolean toBeClassified(AfterSalesCase c) {
    return (c.getType() == CaseType.RETURN || c.getType() == CaseType.EXCHANGE) && c.getReason() == null
        && c.getStatedReason() == null;
  }

  private static String storedOcrText(OrderSnapshot order) {
    return order.getEvidence().stream().map(Evidence::ocrText).filter(t -> t != null && !t.isBlank())
        .reduce((a, b) -> a + "\n" + b).orElse(null);
  }

  /**
   * OMS's unit price of each line's received sku × quantity; unknown (empty) when the customer did not say
   * what arrived or OMS does not know the sku. Asked once: the case keeps the value once decided.
   */
  private Optional<BigDecimal> wrongItemValue(ActivatedJob job, AfterSalesCase c) {
    if (c.getKeepWrongItem() != null) {
      return Optional.ofNullable(c.getWrongItemValue());
    }
    BigDecimal value = BigDecimal.ZERO;
    for (ReturnLine line : c.getLines()) {
      if (line.receivedSku() == null) {
        return Optional.empty();
      }
      Optional<BigDecimal> price = prices.of(job, c.getId(), line.receivedSku());
      if (price.isEmpty()) {
        return Optional.empty();
      }
      value = value.add(price.get().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return Optional.of(money(value));
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
