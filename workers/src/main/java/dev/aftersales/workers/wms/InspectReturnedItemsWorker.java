package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.Product;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Checks what the warehouse scanned against the order: every item's barcode must be the order
 * line's (its sku when OMS gave no barcode), and a return declared unopened must arrive as NEW.
 * An item not scanned at all, or one in the parcel that is on none of the lines, counts as a mismatch:
 * never a silent restock or refund. A wrong item sent back (mis-sent item) is not on the order: its scan
 * must match the barcode OMS has for the sku that was sent by mistake (its sku when OMS has none).
 */
@Component
public class InspectReturnedItemsWorker {

  /** {@code returnedLinesPaid}: what was paid for the returned lines, the cap of a refund deduction (refund-deduction form). */
  public record Inspected(boolean barcodesMatch, boolean conditionAsDeclared, List<Finding> inspectionFindings,
      String returnedLinesPaid) {}

  public record Finding(String sku, String expectedBarcode, String scannedBarcode, Grade grade) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final StepJournal journal;
  private final OmsClient oms;

  public InspectReturnedItemsWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      StepJournal journal, OmsClient oms) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.journal = journal;
    this.oms = oms;
  }

  @JobWorker(type = JobTypes.INSPECT_RETURNED_ITEMS)
  public Inspected inspect(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    // An item on none of the lines (not on the order line's barcode at all) is a mismatch for an agent.
    OrderSnapshot order = snapshots.require(caseId);
    List<Finding> findings = Stream.concat(c.getLines().stream().map(line -> finding(job, c, order, line)),
        c.getUnexpectedItems().stream().map(item -> new Finding(item.sku(), null, item.barcode(), item.grade())))
        .toList();
    boolean barcodesMatch = findings.stream().allMatch(f -> Objects.equals(f.expectedBarcode(), f.scannedBarcode()));
    boolean declaredUnopened = Boolean.TRUE.equals(c.getUnopened());
    boolean conditionAsDeclared = !declaredUnopened
        || findings.stream().allMatch(f -> f.grade() == null || f.grade() == Grade.NEW);
    Inspected inspected = new Inspected(barcodesMatch, conditionAsDeclared, findings,
        RefundCalculation.linesPaid(order.getOrderLines(), c.getLines()).toPlainString());

    if (c.getStatus() != CaseStatus.RECEIVED) {
      journal.moveTo(job, c, CaseStatus.RECEIVED);
      cases.save(c);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("barcodesMatch", barcodesMatch);
    details.put("declaredUnopened", declaredUnopened);
    details.put("conditionAsDeclared", conditionAsDeclared);
    details.put("findings", findings);
    journal.record(job, caseId, TimelineKind.DECISION, "Inspection: barcodes %s, condition %s".formatted(
        barcodesMatch ? "match" : "do not match", conditionAsDeclared ? "as declared" : "below declared"), details);
    return inspected;
  }

  private Finding finding(ActivatedJob job, AfterSalesCase c, OrderSnapshot order, ReturnLine line) {
    if (c.getType() == CaseType.WRONG_ITEM && line.receivedSku() != null) {
      String sku = line.receivedSku();
      String expected = journal.call(job, c.getId(), OmsClient.PRODUCT, Map.of("sku", sku), () -> oms.findProduct(sku))
          .map(Product::barcode)
          .orElse(sku);
      return new Finding(sku, expected == null ? sku : expected, line.scannedBarcode(), line.grade());
    }
    String expected = order.orderLine(line.sku())
        .map(OrderLine::barcode)
        .orElse(line.sku());
    return new Finding(line.sku(), expected, line.scannedBarcode(), line.grade());
  }
}
