package dev.aftersales.exceptions;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.intake.CaseOpening;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.outofstock.ShortageReport;
import dev.aftersales.outofstock.ShortageService;
import dev.aftersales.web.RequestRejectedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * Opens an ORDER_EXCEPTION case for an order the order platform cannot release: one open case per order
 * and exception type, only for an order OMS knows and has not delivered. It is opened as every intake opens a
 * case ({@link CaseOpening}): a rejected report stores nothing and the case is committed before its process starts; the process holds the order
 * in OMS as its first step. An OUT_OF_STOCK exception is handed to the out-of-stock intake
 * ({@link ShortageService}): its case is the OUT_OF_STOCK case of the order line, one case, not two.
 */
@Service
public class ExceptionService {

  private static final String WHAT = "exceptions";

  private final CaseRepository cases;
  private final CaseOpening opening;
  private final ShortageService shortages;
  private final OrderExceptionRepository exceptions;
  private final Clock clock;

  public ExceptionService(CaseRepository cases, OrderExceptionRepository exceptions, CaseOpening opening,
      ShortageService shortages, Clock clock) {
    this.exceptions = exceptions;
    this.cases = cases;
    this.opening = opening;
    this.shortages = shortages;
    this.clock = clock;
  }

  /** @param mayReportFor whether the reporter may report for an order of this channel (403 otherwise) */
  public CaseOpening.Outcome report(String orderId, ExceptionReport report, String reportedBy,
      Predicate<String> mayReportFor) {
    ExceptionType type = report.exceptionType();
    if (type == ExceptionType.OUT_OF_STOCK) {
      ExceptionReport.Details d = report.detailsOrEmpty();
      return shortages.report(orderId, new ShortageReport(d.sku(), d.quantity(), d.bundleSku()), reportedBy,
          mayReportFor);
    }
    String openKey = OrderException.openKey(orderId, type);
    Optional<AfterSalesCase> known = open(openKey);
    if (known.isPresent()) {
      CaseOpening.requireMayReportFor(known.get().getChannel(), orderId, reportedBy, mayReportFor, WHAT);
      return new CaseOpening.Outcome(known.get(), false);
    }
    OmsOrder order = opening.unshippedOrder(orderId, reportedBy, mayReportFor, WHAT,
        "an exception order is one that has not shipped");
    if (type == ExceptionType.CASH_ON_DELIVERY && order.paymentMethod() != PaymentMethod.CASH_ON_DELIVERY) {
      throw RequestRejectedException.unprocessable("type", "order " + orderId + " is paid by "
          + order.paymentMethod() + ", not cash on delivery");
    }

    Instant now = clock.instant();
    OrderException exception = OrderException.reported(orderId, type, orderAmount(order), report.reported());
    AfterSalesCase opened = AfterSalesCase.exceptionReported(order.channel(), exception,
        description(type, exception), order.facts(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", CaseType.ORDER_EXCEPTION.name());
    details.put("exceptionType", type.name());
    details.put("orderId", orderId);
    details.put("orderAmount", exception.orderAmount());
    details.put("parcels", exception.parcels());
    details.put("region", exception.region());
    details.put("weightGrams", exception.weightGrams());
    details.put("carrier", exception.carrier());
    details.put("addressGiven", exception.address() != null); // never the address itself
    // Two reports of the same exception that raced past the lookup meet the unique open key: one case.
    return opening.open(opened, reportedBy, "Case opened: order cannot be released (" + type + ")", details,
        () -> open(openKey), Optional::empty, () -> exceptions.save(exception.of(opened)));
  }

  private Optional<AfterSalesCase> open(String openKey) {
    return cases.findIdByOpenExceptionKey(openKey).flatMap(cases::findById);
  }

  /** What the order is worth: the paid amount of its lines (the decision's order amount). */
  private static BigDecimal orderAmount(OmsOrder order) {
    return order.lines().stream().map(OrderLine::paidAmount).filter(Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
  }

  /** What the agent and the auditor read: the type and the reporter's note, no personal data. */
  private static String description(ExceptionType type, OrderException e) {
    String what = switch (type) {
      case ADDRESS_INCOMPLETE -> "the shipping address is incomplete";
      case PAYMENT_FAILED -> "the payment failed";
      case BLACKLISTED_CUSTOMER -> "the customer is on the risk blacklist";
      case CASH_ON_DELIVERY -> "cash on delivery of " + e.orderAmount() + " CNY";
      case TOO_MANY_PARCELS -> "split into " + e.parcels() + " parcels";
      case CARRIER_OUT_OF_AREA -> "carrier " + (e.carrier() == null ? "(unnamed)" : e.carrier())
          + " does not serve region " + e.region();
      case OUT_OF_STOCK -> "a line is out of stock";
    };
    return "Order " + e.orderId() + " cannot be released: " + what + (e.note() == null ? "" : " — " + e.note());
  }
}
