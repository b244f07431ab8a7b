package dev.aftersales.receipts;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseChanges;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.cases.UnexpectedItem;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.Messages;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestLogContext;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a returned parcel on its case and tells the process. Nothing the warehouse found is refused:
 * items on none of the case's lines are kept for an agent at inspection, and a parcel after the case
 * was closed for "no parcel within 7 days" starts the late-parcel process ({@link LateParcels}). The case is committed first; the
 * message follows. If publishing fails the warehouse gets a 503 and sends the same receipt again,
 * which re-publishes with the same message id instead of being refused as a second receipt. Once the engine took
 * the message the case notes it ({@code parcel_told_at}); a parcel recorded without it (the application stopped, or
 * the engine failed and the warehouse never sent the receipt again) is told by the retry ({@link #republishBefore})
 * a few minutes later, not only when the 7-day timer finds the case received. A receipt that races the process's own
 * save of the case (the 7-day close) is recorded again on the case as it now is ({@link CaseChanges}): then it is a
 * late parcel.
 */
@Service
class ReceiptService implements SchedulingConfigurer {

  /** The model's catch event a receipt completes: of returned goods (bpmn/return-goods.bpmn) … */
  static final String PARCEL_RECEIVED_EVENT = "IntermediateCatchEvent_ParcelReceived";
  /** … or of a wrong item sent back (bpmn/mis-sent-item.bpmn). */
  static final String WRONG_ITEM_RECEIVED_EVENT = "IntermediateCatchEvent_WrongItemReceived";

  /** The timeline's actor of the retry's entries. */
  static final String RETRY_ACTOR = "receipt-retry";

  private static final Logger log = LoggerFactory.getLogger(ReceiptService.class);

  private final CaseRepository cases;
  private final CaseChanges changes;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final ReceiptProperties properties;
  private final LateParcels lateParcels;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ReceiptService(CaseRepository cases, CaseChanges changes, Timeline timeline, CaseMessagePublisher publisher, ReceiptProperties properties,
      LateParcels lateParcels, TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.changes = changes;
    this.timeline = timeline;
    this.publisher = publisher;
    this.lateParcels = lateParcels;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
  }

  void receive(ParcelReceipt receipt, String actor) {
    AfterSalesCase found = find(receipt);
    RequestLogContext.caseId(found.getId());
    changes.apply(found, "receipt", c -> receive(c, receipt, actor));
  }

  private void receive(AfterSalesCase c, ParcelReceipt receipt, String actor) {
    if (c.getStatus() == CaseStatus.RECEIVED && sameAsRecorded(c, receipt)) {
      log.info("Case {}: the same parcel reported again; its message is published again", c.getId());
      publish(c);
      return;
    }
    // Waiting for the parcel, or closed because none came within 7 days (a late parcel, for an agent).
    if (c.getStatus() != CaseStatus.AWAITING_PARCEL && c.getStatus() != CaseStatus.CLOSED) {
      throw RequestRejectedException.conflict("Case " + c.getId() + " is " + c.getStatus()
          + "; a parcel is accepted only while the case is " + CaseStatus.AWAITING_PARCEL
          + " or closed for no parcel" + (c.getStatus() == CaseStatus.RECEIVED
              ? " (a different receipt was recorded before)" : ""));
    }
    Map<String, ParcelReceipt.Item> bySku = itemsBySku(receipt);
    Instant now = clock.instant();
    List<ReturnLine> lines = c.getLines().stream()
        .map(line -> {
          ParcelReceipt.Item item = itemOf(line, bySku);
          return item == null ? line : line.received(item.barcode(), item.gradeValue());
        })
        .toList();
    // Items on none of the lines are kept for the inspection, where an agent decides on them.
    List<UnexpectedItem> unexpected = receipt.items().stream()
        .filter(item -> c.getLines().stream().noneMatch(line -> isOf(line, item.sku())))
        .map(item -> new UnexpectedItem(item.sku(), item.barcode(), item.gradeValue()))
        .toList();
    c.parcelReceived(lines, unexpected, now);
    transaction.executeWithoutResult(status -> {
      cases.save(c);
      Map<String, Object> details = details(receipt);
      if (!unexpected.isEmpty()) {
        details.put("notOnTheCase", unexpected.stream().map(UnexpectedItem::sku).toList());
      }
      timeline.record(c.getId(), TimelineKind.MESSAGE,
          c.getType() == CaseType.WRONG_ITEM ? WRONG_ITEM_RECEIVED_EVENT : PARCEL_RECEIVED_EVENT, actor,
          c.isLateParcel() ? "Parcel received after the case was closed: an agent decides" : "Parcel received",
          details);
    });
    log.info("Case {}: parcel received{}{}", c.getId(), c.isLateParcel() ? " after the case was closed (late parcel)" : "",
        unexpected.isEmpty() ? "" : ", with items not on the case: " + unexpected.stream().map(UnexpectedItem::sku).toList());
    publish(c);
  }

  /**
   * A late parcel starts its own process; any other tells the case's waiting process. Then the case notes that its
   * process was told: a note that fails to be written only leaves the parcel to the retry, which tells the process
   * again under the same message id (the engine recognises it) and writes the note.
   */
  private void publish(AfterSalesCase c) {
    tell(c);
    try {
      transaction.executeWithoutResult(status -> cases.parcelTold(c.getId(), clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Case {}: its process was told of the parcel, but the note of it was not stored; the receipt retry "
          + "tells it again: {}", c.getId(), e.getMessage());
    }
  }

  private void tell(AfterSalesCase c) {
    if (c.isLateParcel()) {
      lateParcels.handOver(c);
    } else {
      publisher.publish(Messages.PARCEL_RECEIVED, c.getId(), properties, "receipt");
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    properties.schedule(registrar, clock, this::republishBefore);
  }

  /**
   * The retry: parcels recorded before {@code before} whose process was never told of them (their case is still
   * RECEIVED without the note) are told now, with the same message id, so a process that took the message before
   * does not take it twice. Each is told under its case's row lock, skipped when another instance's retry holds it,
   * and its note and a timeline entry for the auditor commit with that lock; one that fails is left to the next run.
   *
   * @return the cases whose process was told
   */
  public List<String> republishBefore(Instant before) {
    List<String> told = new ArrayList<>();
    for (String caseId : cases.findIdsOfUntoldParcelsBefore(before)) {
      try {
        Boolean toldNow = transaction.execute(status -> {
          if (cases.lockIfParcelUntold(caseId).isEmpty()) {
            return false;
          }
          AfterSalesCase c = cases.require(caseId);
          log.warn("Case {}: its parcel was recorded at {} but its process was never told; the receipt retry tells it",
              caseId, c.getReceivedAt());
          tell(c);
          timeline.record(caseId, TimelineKind.MESSAGE,
              c.getType() == CaseType.WRONG_ITEM ? WRONG_ITEM_RECEIVED_EVENT : PARCEL_RECEIVED_EVENT, RETRY_ACTOR,
              "Process told of the parcel received at " + c.getReceivedAt() + " by the receipt retry",
              Map.of("receivedAt", c.getReceivedAt().toString(), "lateParcel", c.isLateParcel()));
          cases.parcelTold(caseId, clock.instant());
          return true;
        });
        if (Boolean.TRUE.equals(toldNow)) {
          told.add(caseId);
        }
      } catch (RuntimeException e) {
        log.warn("Case {}: the receipt retry could not tell its process of the parcel; the next run tries again: {}",
            caseId, e.getMessage());
      }
    }
    return told;
  }

  private AfterSalesCase find(ParcelReceipt receipt) {
    if (receipt.caseId() != null && !receipt.caseId().isBlank()) {
      return cases.require(receipt.caseId());
    }
    return cases.findByTrackingNumber(receipt.trackingNumber()).orElseThrow(() -> new RequestRejectedException(
        HttpStatus.NOT_FOUND, "Case not found", "No after-sales case with tracking number " + receipt.trackingNumber(),
        List.of(new FieldProblem("trackingNumber", "no case has this tracking number"))));
  }

  /**
   * The item reported for a line: by the sku that came back (a wrong item's received sku) or the
   * line's ordered sku.
   */
  private static ParcelReceipt.Item itemOf(ReturnLine line, Map<String, ParcelReceipt.Item> bySku) {
    ParcelReceipt.Item item = bySku.get(line.returnedSku());
    return item != null ? item : bySku.get(line.sku());
  }

  private static boolean isOf(ReturnLine line, String sku) {
    return line.sku().equals(sku) || line.returnedSku().equals(sku);
  }

  private static Map<String, ParcelReceipt.Item> itemsBySku(ParcelReceipt receipt) {
    return receipt.items().stream().collect(Collectors.toMap(ParcelReceipt.Item::sku, Function.identity()));
  }

  private static boolean sameAsRecorded(AfterSalesCase c, ParcelReceipt receipt) {
    return receipt.items().stream().allMatch(item -> c.getLines().stream().anyMatch(line ->
        isOf(line, item.sku())
            && Objects.equals(line.scannedBarcode(), item.barcode())
            && line.grade() == item.gradeValue())
        || c.getUnexpectedItems().contains(new UnexpectedItem(item.sku(), item.barcode(), item.gradeValue())));
  }

  private static Map<String, Object> details(ParcelReceipt receipt) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (receipt.trackingNumber() != null) {
      details.put("trackingNumber", receipt.trackingNumber());
    }
    details.put("items", receipt.items().stream()
        .map(i -> Map.of("sku", i.sku(), "barcode", i.barcode(), "grade", i.grade()))
        .toList());
    return details;
  }
}
