package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.ExpectedItem;
import dev.aftersales.integration.wms.WmsClient.OutboundOrderRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Hands the replacement or reship order to the after-sales warehouse for shipping, once. */
@Component
public class ShipFromAftersalesWarehouseWorker {

  public record Shipped(String outboundOrderId) {}

  private final CaseRepository cases;
  private final WmsClient wms;
  private final StepJournal journal;
  private final ExchangeProperties exchange;
  private final Clock clock;

  public ShipFromAftersalesWarehouseWorker(CaseRepository cases, WmsClient wms, StepJournal journal,
      ExchangeProperties exchange, Clock clock) {
    this.cases = cases;
    this.wms = wms;
    this.journal = journal;
    this.exchange = exchange;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SHIP_FROM_AFTERSALES_WAREHOUSE)
  public Shipped ship(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getOutboundOrderId() == null) {
      String orderId = Objects.requireNonNull(c.getReplacementOrderId(), "case " + caseId + " has no replacement order");
      List<ExpectedItem> items = c.getLines().stream()
          .map(line -> new ExpectedItem(c.replacementSkuOf(line), line.quantity()))
          .toList();
      OutboundOrderRequest request = new OutboundOrderRequest(orderId, exchange.warehouseId(), items, caseId,
          IdempotencyKeys.of(caseId, "outbound-order"));
      String outboundOrderId = journal.call(job, caseId, WmsClient.OUTBOUND_ORDERS, request, () -> wms.ship(request))
          .outboundOrderId();
      c.replacementShipped(outboundOrderId);
      c.touch(clock.instant());
      cases.save(c);
    }
    return new Shipped(c.getOutboundOrderId());
  }
}
