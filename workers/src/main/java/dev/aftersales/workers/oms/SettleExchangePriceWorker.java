package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ExchangeSettlement;
import dev.aftersales.cases.ExchangeSettlement.Direction;
import dev.aftersales.cases.ExchangeSettlement.Settlement;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Settles the price of the wanted variants against what the customer paid ({@link ExchangeSettlement})
 * with today's OMS prices. It only reads, so a redelivered job settles again; after the customer chose
 * another variant it settles the new one.
 */
@Component
public class SettleExchangePriceWorker {

  public record PriceSettled(BigDecimal priceDifference, Direction differenceDirection) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final ProductPrices prices;
  private final StepJournal journal;
  private final Clock clock;

  public SettleExchangePriceWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      ProductPrices prices, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.prices = prices;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SETTLE_EXCHANGE_PRICE)
  public PriceSettled settle(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    List<ReturnLine> exchanged = c.getLines().stream().filter(l -> l.exchangeSku() != null).toList();
    Map<String, BigDecimal> variantPrices = new LinkedHashMap<>();
    for (ReturnLine line : exchanged) {
      // An unknown variant cannot be settled: an incident for an operator, not a guessed price.
      variantPrices.computeIfAbsent(line.exchangeSku(), sku -> prices.of(job, caseId, sku).orElseThrow(() ->
          new IllegalStateException("OMS does not know the variant " + sku + " wanted in exchange")));
    }
    Settlement settlement =
        ExchangeSettlement.settle(snapshots.require(caseId).getOrderLines(), exchanged, variantPrices);
    if (!Objects.equals(settlement.difference(), c.getPriceDifference())) {
      c.priceSettled(settlement.difference());
      c.touch(clock.instant());
      cases.save(c);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", ExchangeSettlement.class.getSimpleName());
    details.put("lines", settlement.lines());
    details.put("priceDifference", settlement.difference());
    details.put("differenceDirection", settlement.direction());
    journal.decision(job, caseId, "Price difference of %s CNY: %s".formatted(settlement.difference(),
        settlement.direction()), details);
    return new PriceSettled(settlement.difference(), settlement.direction());
  }
}
