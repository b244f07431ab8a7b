package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.Stock;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Asks the after-sales warehouse whether every wanted variant is there in the quantity wanted. When
 * one is short, the next arrival is the latest among the short ones (null when one has none planned),
 * what the agent tells the customer. A sku the warehouse does not carry counts as none in stock.
 */
@Component
public class CheckReplacementStockWorker {

  /**
   * {@code shortVariants}: the variants asked for that are short, shown to the agent who contacts the customer;
   * {@code daysUntilArrival}: whole days from today (Asia/Shanghai) to the next arrival, a fact of the decision
   * replacement-options (null without a date).
   */
  public record StockChecked(boolean replacementInStock, String nextArrivalDate, List<ShortVariant> shortVariants,
      Long daysUntilArrival) {}

  public record ShortVariant(String sku, int wanted, int available) {}

  private final CaseRepository cases;
  private final WmsClient wms;
  private final StepJournal journal;
  private final ExchangeProperties exchange;
  private final Clock clock;

  public CheckReplacementStockWorker(CaseRepository cases, WmsClient wms, StepJournal journal,
      ExchangeProperties exchange, Clock clock) {
    this.cases = cases;
    this.wms = wms;
    this.journal = journal;
    this.exchange = exchange;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_REPLACEMENT_STOCK)
  public StockChecked check(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (ReturnLine line : c.getLines()) {
      wanted.merge(c.replacementSkuOf(line), line.quantity(), Integer::sum);
    }
    String warehouseId = exchange.warehouseId();
    Map<String, Object> shortages = new LinkedHashMap<>();
    List<ShortVariant> shortVariants = new ArrayList<>();
    LocalDate nextArrival = null;
    boolean arrivalKnown = true;
    for (Map.Entry<String, Integer> variant : wanted.entrySet()) {
      String sku = variant.getKey();
      Optional<Stock> stock = journal.call(job, caseId, WmsClient.STOCK, Map.of("sku", sku, "warehouseId", warehouseId),
          () -> wms.stock(sku, warehouseId));
      int available = stock.map(Stock::available).orElse(0);
      if (available < variant.getValue()) {
        String arrival = stock.map(Stock::nextArrivalDate).orElse(null);
        Map<String, Object> shortage = new LinkedHashMap<>();
        shortage.put("wanted", variant.getValue());
        shortage.put("available", available);
        shortage.put("nextArrivalDate", arrival);
        shortages.put(sku, shortage);
        shortVariants.add(new ShortVariant(sku, variant.getValue(), available));
        if (arrival == null) {
          arrivalKnown = false;
        } else if (nextArrival == null || LocalDate.parse(arrival).isAfter(nextArrival)) {
          nextArrival = LocalDate.parse(arrival);
        }
      }
    }
    boolean inStock = shortages.isEmpty();
    String nextArrivalDate = inStock || !arrivalKnown ? null : nextArrival.toString();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("warehouseId", warehouseId);
    details.put("wanted", wanted);
    details.put("shortages", shortages);
    details.put("nextArrivalDate", nextArrivalDate);
    journal.decision(job, caseId, inStock ? "Replacement in stock at " + warehouseId
        : "Replacement out of stock at " + warehouseId + ", next arrival " + nextArrivalDate, details);
    Long daysUntilArrival = nextArrivalDate == null ? null
        : ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), BusinessCalendar.ZONE), nextArrival);
    return new StockChecked(inStock, nextArrivalDate, shortVariants, daysUntilArrival);
  }
}
