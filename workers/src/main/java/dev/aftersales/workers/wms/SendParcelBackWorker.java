package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.UnexpectedItem;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.ExpectedItem;
import dev.aftersales.integration.wms.WmsClient.OutboundOrder;
import dev.aftersales.integration.wms.WmsClient.OutboundOrderRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * A refused late parcel goes back to the customer: one outbound order of everything that arrived
 * (the scanned lines and the items on none of them), from the warehouse that received it, once
 * ({@code {caseId}:parcel-back}; a retry after a lost answer takes the recorded one).
 */
@Component
public class SendParcelBackWorker {

  public record ParcelSentBack(String parcelBackOrderId) {}

  private final CaseRepository cases;
  private final WmsClient wms;
  private final StepJournal journal;

  public SendParcelBackWorker(CaseRepository cases, WmsClient wms, StepJournal journal) {
    this.cases = cases;
    this.wms = wms;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.SEND_PARCEL_BACK)
  public ParcelSentBack sendBack(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    List<ExpectedItem> items = Stream.concat(
            c.getLines().stream().filter(line -> line.scannedBarcode() != null)
                .map(line -> new ExpectedItem(line.returnedSku(), line.quantity())),
            c.getUnexpectedItems().stream().map(UnexpectedItem::sku).map(sku -> new ExpectedItem(sku, 1)))
        .toList();
    OutboundOrderRequest request = new OutboundOrderRequest(c.getOrderId(), c.getWarehouseId(), items, caseId,
        IdempotencyKeys.of(caseId, "parcel-back"));
    OutboundOrder order = journal.callOnce(job, caseId, WmsClient.OUTBOUND_ORDERS, request, OutboundOrder.class,
        () -> wms.ship(request));
    return new ParcelSentBack(order.outboundOrderId());
  }
}
