package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The order a case is about, as OMS reported its lines at intake, and the evidence the customer sent with the
 * request: an aggregate of its own keyed by the case's id, stored by the opening path with its case and read
 * only by the steps that need it, so that a save of the case rewrites its return lines alone. Only the
 * classification's reading of a photo changes it afterwards ({@link #evidenceRead}).
 */
@Table("case_order_snapshot")
public class OrderSnapshot {

  @Id @Column("case_id") private String caseId;
  @Version private Integer version;

  /** Read and written by {@link OrderSnapshotRows}, as the snapshot's row is read and written. */
  @Transient private List<OrderLine> orderLines = new ArrayList<>();

  /** Read and written by {@link OrderSnapshotRows}; only the rows that changed are written again. */
  @Transient private List<Evidence> evidence = new ArrayList<>();

  /** The evidence as the store holds it; null until the snapshot is stored (a case being opened). */
  @Transient private List<Evidence> storedEvidence;

  OrderSnapshot() {}

  /** The snapshot a case is opened with. */
  static OrderSnapshot taken(String caseId, List<OrderLine> orderLines, List<Evidence> evidence) {
    OrderSnapshot s = new OrderSnapshot();
    s.caseId = caseId;
    s.orderLines = new ArrayList<>(orderLines.stream().map(OrderLine::atStoredScale).toList());
    s.evidence = new ArrayList<>(evidence);
    return s;
  }

  /** The classification read the text of a photo. */
  public void evidenceRead(int index, String ocrText) {
    evidence.set(index, evidence.get(index).withOcrText(ocrText));
  }

  /** The rows the store holds for this snapshot, read with it. */
  void rowsRead(List<OrderLine> orderLines, List<Evidence> evidence) {
    this.orderLines = new ArrayList<>(orderLines);
    this.evidence = new ArrayList<>(evidence);
    rowsStored();
  }

  /** What the snapshot holds now is what the store holds (read, or just written). */
  void rowsStored() { this.storedEvidence = List.copyOf(evidence); }

  /**
   * A copy that shares nothing mutable with this snapshot, for {@link CaseCache}: its lists anew (of records), the
   * stored evidence an unmodifiable list ({@code AggregateCopyTest} fails when a field is added).
   */
  OrderSnapshot copy() {
    OrderSnapshot copy = new OrderSnapshot();
    copy.caseId = caseId;
    copy.version = version;
    copy.orderLines = new ArrayList<>(orderLines);
    copy.evidence = new ArrayList<>(evidence);
    copy.storedEvidence = storedEvidence;
    return copy;
  }

  /** The evidence as the store holds it; null when the snapshot is not stored yet. */
  List<Evidence> storedEvidence() { return storedEvidence; }

  public String getCaseId() { return caseId; }
  public Integer getVersion() { return version; }
  public List<OrderLine> getOrderLines() { return Collections.unmodifiableList(orderLines); }
  public List<Evidence> getEvidence() { return Collections.unmodifiableList(evidence); }

  public Optional<OrderLine> orderLine(String sku) {
    return orderLines.stream().filter(l -> l.sku().equals(sku)).findFirst();
  }

  /** What was paid for the whole order (all its lines), as OMS reported it at intake. */
  public BigDecimal paidForOrder() {
    return orderLines.stream().map(OrderLine::paidAmount).filter(Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
  }

  /** What the customer paid for these lines of a case (their share of each order line). */
  public BigDecimal paidFor(List<ReturnLine> lines) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ReturnLine line : lines) {
      OrderLine ordered = orderLine(line.sku()).orElse(null);
      if (ordered != null && ordered.quantity() > 0) {
        sum = sum.add(ordered.paidAmount().multiply(BigDecimal.valueOf(line.quantity()))
            .divide(BigDecimal.valueOf(ordered.quantity()), 2, RoundingMode.HALF_UP));
      }
    }
    return sum.setScale(2, RoundingMode.HALF_UP);
  }
}
