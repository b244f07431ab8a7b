package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.Parcel;
import dev.aftersales.integration.wms.WmsClient.Shipment;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Checks a missing-item claim against the warehouse's packing record (WMS {@code GET /wms/shipments/{orderId}}):
 * the item counts as packed when the parcels hold every ordered unit of each claimed sku. Packed means the
 * warehouse's record contradicts the customer, so an agent reviews the dispute before anything is reshipped;
 * not packed (or no packing record) confirms the claim. Reads only: safe to repeat.
 */
@Component
public class CheckPackedShipmentWorker {

  public record ShipmentChecked(boolean itemPacked) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final WmsClient wms;
  private final StepJournal journal;

  public CheckPackedShipmentWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      WmsClient wms, StepJournal journal) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.wms = wms;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.CHECK_PACKED_SHIPMENT)
  public ShipmentChecked check(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Optional<Shipment> shipment = journal.call(job, caseId, WmsClient.SHIPMENTS, Map.of("orderId", c.getOrderId()),
        () -> wms.shipment(c.getOrderId()));
    List<Parcel> parcels = shipment.map(Shipment::parcels).orElse(List.of());
    Map<String, Object> packedUnits = new LinkedHashMap<>();
    boolean packed = !parcels.isEmpty();
    OrderSnapshot order = snapshots.require(caseId);
    for (ReturnLine line : c.getLines()) {
      long units = parcels.stream().flatMap(p -> p.skus() == null ? Stream.<String>empty() : p.skus().stream())
          .filter(line.sku()::equals).count();
      int ordered = order.orderLine(line.sku()).map(OrderLine::quantity).orElse(line.quantity());
      packedUnits.put(line.sku(), Map.of("ordered", ordered, "packed", units));
      packed &= units >= ordered;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("packingRecord", shipment.isPresent());
    details.put("parcels", parcels);
    details.put("units", packedUnits);
    details.put("itemPacked", packed);
    journal.record(job, caseId, TimelineKind.DECISION, packed
        ? "The packing record shows the claimed item packed: dispute review"
        : "The claimed item was not packed: the claim stands", details);
    return new ShipmentChecked(packed);
  }
}
