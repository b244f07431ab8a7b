package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.Shortage;
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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Ships the short line of the original order from the warehouse that now has it, once: the outbound
 * order carries {@code {caseId}:backorder-shipment}, and a case that shows one is not shipped again.
 */
@Component
public class ShipBackorderWorker {

  public record BackorderShipped(String outboundOrderId) {}

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final WmsClient wms;
  private final StepJournal journal;
  private final OutOfStockProperties properties;
  private final Clock clock;

  public ShipBackorderWorker(CaseRepository cases, ShortageRepository shortages, WmsClient wms, StepJournal journal,
      OutOfStockProperties properties, Clock clock) {
    this.cases = cases;
    this.shortages = shortages;
    this.wms = wms;
    this.journal = journal;
    this.properties = properties;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SHIP_BACKORDER)
  public BackorderShipped ship(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getOutboundOrderId() == null) {
      Shortage shortage = shortages.require(caseId);
      OutboundOrderRequest request = new OutboundOrderRequest(c.getOrderId(),
          Objects.requireNonNullElse(shortage.warehouseId(), properties.defaultWarehouseId()),
          List.of(new ExpectedItem(shortage.sku(), shortage.quantity())), caseId,
          IdempotencyKeys.of(caseId, "backorder-shipment"));
      String outboundOrderId = journal.call(job, caseId, WmsClient.OUTBOUND_ORDERS, request, () -> wms.ship(request))
          .outboundOrderId();
      Instant now = clock.instant();
      c.replacementShipped(outboundOrderId);
      c.touch(now);
      cases.save(c); // the case first: its version check
      shortages.save(shortage.shipped(now));
    }
    return new BackorderShipped(c.getOutboundOrderId());
  }
}
