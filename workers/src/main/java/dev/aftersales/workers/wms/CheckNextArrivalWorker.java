package dev.aftersales.workers.wms;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.Stock;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Asks the warehouse that ships the order about the short sku: whether it is there again in the
 * quantity short, and when stock comes next. {@code waitUntil} is when a backorder that waits for
 * that arrival counts as let down: the start of the day after the arrival date in the merchant's zone;
 * without a date it is null and the wait lasts the recheck period that decision {@code shortage-handling}
 * gives. A date already past is no promise and is treated as none.
 */
@Component
public class CheckNextArrivalWorker {

  /** ISO date-time with offset and seconds, as FEEL's {@code date and time()} and the timer read it. */
  static final DateTimeFormatter WAIT_UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  public record ArrivalChecked(boolean inStock, String nextArrivalDate, Long daysUntilArrival, String waitUntil) {}

  private final ShortageRepository shortages;
  private final WmsClient wms;
  private final StepJournal journal;
  private final OutOfStockProperties properties;
  private final Clock clock;

  public CheckNextArrivalWorker(ShortageRepository shortages, WmsClient wms, StepJournal journal,
      OutOfStockProperties properties, Clock clock) {
    this.shortages = shortages;
    this.wms = wms;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_NEXT_ARRIVAL)
  public ArrivalChecked check(ActivatedJob job, @Variable String caseId) {
    Shortage shortage = shortages.require(caseId); // the case is not read: the backorder holds what is asked
    String sku = shortage.sku();
    String warehouseId = Objects.requireNonNullElse(shortage.warehouseId(), properties.defaultWarehouseId());
    Optional<Stock> stock = journal.call(job, caseId, WmsClient.STOCK, Map.of("sku", sku, "warehouseId", warehouseId),
        () -> wms.stock(sku, warehouseId));
    int available = stock.map(Stock::available).orElse(0);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, BusinessCalendar.ZONE);
    LocalDate reported = stock.map(Stock::nextArrivalDate).map(LocalDate::parse).orElse(null);
    LocalDate arrival = reported != null && !reported.isBefore(today) ? reported : null;

    boolean inStock = available >= shortage.quantity();
    Long days = arrival == null ? null : ChronoUnit.DAYS.between(today, arrival);
    // without a date, the wait's timer takes the recheck period of decision shortage-handling
    String waitUntilText = arrival == null ? null
        : WAIT_UNTIL.format(arrival.plusDays(1).atStartOfDay(BusinessCalendar.ZONE));

    if (!Objects.equals(shortage.nextArrivalDate(), arrival)) {
      shortages.save(shortage.arrivalExpected(arrival));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("warehouseId", warehouseId);
    details.put("sku", sku);
    details.put("short", shortage.quantity());
    details.put("available", available);
    details.put("reportedArrivalDate", reported);
    details.put("nextArrivalDate", arrival);
    details.put("daysUntilArrival", days);
    details.put("waitUntil", waitUntilText);
    journal.decision(job, caseId, inStock
        ? "%s in stock again at %s (%d available)".formatted(sku, warehouseId, available)
        : arrival == null
            ? "%s out of stock at %s, no arrival date".formatted(sku, warehouseId)
            : "%s out of stock at %s, next arrival %s (in %d days)".formatted(sku, warehouseId, arrival, days),
        details);
    return new ArrivalChecked(inStock, arrival == null ? null : arrival.toString(), days, waitUntilText);
  }
}
