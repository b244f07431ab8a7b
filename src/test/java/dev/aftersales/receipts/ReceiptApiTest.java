package dev.aftersales.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.cases.UnexpectedItem;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/warehouse/receipts}: the case records what was scanned and the return process,
 * waiting at "Parcel received within 7 days?", gets exactly one parcel-received message.
 */
class ReceiptApiTest extends ApiTest {

  /** Where the goods of a return wait for the parcel (bpmn/return-goods.bpmn, called by return-request). */
  private static final String PARCEL_WAIT = "Gateway_ParcelReceivedInTime";

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired ReceiptService receipts;
  @Autowired JdbcClient jdbc;

  @Test
  void receiptByTrackingNumberIsStoredAndCorrelatedToTheWaitingProcess() {
    AfterSalesCase c = caseAwaitingParcel();

    Answer answer = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByTracking(c, "6900001", "LIGHTLY_USED"));

    assertThat(answer.status()).isEqualTo(202);
    AfterSalesCase received = cases.require(c.getId());
    assertThat(received.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(received.getReceivedAt()).isNotNull();
    assertThat(received.getLines()).containsExactly(
        ReturnLine.requested("SKU-A", 1, null).received("6900001", Grade.LIGHTLY_USED),
        ReturnLine.requested("SKU-B", 1, null));

    // the workers may already be inspecting the parcel: find the receipt, not just the latest entry
    TimelineEntry entry = timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.MESSAGE)
        .reduce((first, second) -> second).orElseThrow();
    assertThat(entry.actor()).isEqualTo(TestUser.WAREHOUSE.username);
    assertThat(entry.summary()).isEqualTo("Parcel received");
    assertThat(entry.details()).containsEntry("trackingNumber", c.getTrackingNumber());

    List<Record<MessageRecordValue>> published = published(c.getId());
    assertThat(published).singleElement().satisfies(m -> {
      assertThat(m.getValue().getName()).isEqualTo(Messages.PARCEL_RECEIVED);
      assertThat(m.getValue().getCorrelationKey()).isEqualTo(c.getId());
      assertThat(m.getValue().getMessageId()).isEqualTo(c.getId() + ":parcel-received");
      assertThat(m.getValue().getTimeToLive()).isPositive();
    });
    assertThat(correlations(c)).hasSize(1);
  }

  @Test
  void repeatedIdenticalReceiptIsAcceptedAgainAndCorrelatedOnce() {
    AfterSalesCase c = caseAwaitingParcel();
    String receipt = receiptByCaseId(c, "SKU-A", "6900001", "NEW");

    Answer first = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receipt);
    Answer again = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receipt);

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(published(c.getId())).hasSize(1);
    List<Record<MessageRecordValue>> messages = engineRecords(ValueType.MESSAGE);
    List<Record<MessageRecordValue>> rejected = messages.stream()
        .filter(r -> r.getRecordType() == RecordType.COMMAND_REJECTION)
        .filter(r -> c.getId().equals(r.getValue().getCorrelationKey()))
        .toList();
    assertThat(rejected).as("the second publish, refused as the same message").hasSize(1);
    assertThat(correlations(c)).hasSize(1);
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.MESSAGE).hasSize(1);
  }

  @Test
  void aReceiptNotesThatItsProcessWasTold() {
    AfterSalesCase c = caseAwaitingParcel();
    assertThat(toldAt(c)).as("no parcel yet").isNull();

    assertThat(post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByCaseId(c, "SKU-A", "6900001", "NEW")).status())
        .isEqualTo(202);

    assertThat(toldAt(c)).isNotNull();
  }

  /**
   * The application stopped between the receipt's commit and its message, and the warehouse never sent the receipt
   * again: the retry tells the waiting process (once, with the receipt's message id), notes it and leaves a trace.
   */
  @Test
  void aParcelRecordedWithoutItsMessageIsToldByTheRetry() {
    AfterSalesCase c = caseAwaitingParcel();
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(Math.abs(c.getId().hashCode() % 86_400));
    c.parcelReceived(List.of(ReturnLine.requested("SKU-A", 1, null).received("6900001", Grade.NEW),
        ReturnLine.requested("SKU-B", 1, null)), longAgo); // stored as ReceiptService stores it; no message followed
    cases.save(c);
    assertThat(publishedMessages(c.getId())).isEmpty();

    assertThat(receipts.republishBefore(longAgo)).as("recorded at that moment, not before it").doesNotContain(c.getId());
    // two application instances' retries at once: one tells the process, the other finds it locked or told
    Instant before = longAgo.plusMillis(1);
    CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> receipts.republishBefore(before));
    CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> receipts.republishBefore(before));
    List<String> told = new ArrayList<>(one.join());
    told.addAll(other.join());
    assertThat(told).containsExactly(c.getId());

    assertThat(publishedMessages(c.getId())).singleElement().satisfies(m -> {
      assertThat(m.getValue().getName()).isEqualTo(Messages.PARCEL_RECEIVED);
      assertThat(m.getValue().getMessageId()).isEqualTo(c.getId() + ":parcel-received");
    });
    assertThat(correlations(c)).hasSize(1);
    assertThat(toldAt(c)).isNotNull();
    assertThat(timeline.of(c.getId())).filteredOn(e -> ReceiptService.RETRY_ACTOR.equals(e.actor())).singleElement()
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(TimelineKind.MESSAGE);
          assertThat(e.summary()).startsWith("Process told of the parcel received at " + longAgo);
        });
    assertThat(receipts.republishBefore(longAgo.plusMillis(1))).as("told: not the retry's any more").isEmpty();
  }

  /** The message went out but the note did not: the retry's message is the same one, the process takes it once. */
  @Test
  void aParcelToldButNotNotedIsNotTakenTwice() {
    AfterSalesCase c = caseAwaitingParcel();
    assertThat(post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByCaseId(c, "SKU-A", "6900001", "NEW")).status())
        .isEqualTo(202);
    Instant longAgo = Instant.parse("2001-01-02T00:00:00Z").plusSeconds(Math.abs(c.getId().hashCode() % 86_400));
    jdbc.sql("UPDATE after_sales_case SET parcel_told_at = NULL, received_at = :at WHERE id = :id")
        .param("at", Timestamp.from(longAgo)).param("id", c.getId()).update();

    assertThat(receipts.republishBefore(longAgo.plusMillis(1))).containsExactly(c.getId());

    assertThat(correlations(c)).as("the engine knew the message id").hasSize(1);
    assertThat(toldAt(c)).isNotNull();
  }

  private Instant toldAt(AfterSalesCase c) {
    return jdbc.sql("SELECT parcel_told_at FROM after_sales_case WHERE id = :id").param("id", c.getId())
        .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
  }

  @Test
  void aDifferentSecondReceiptIsAConflict() {
    AfterSalesCase c = caseAwaitingParcel();
    post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByCaseId(c, "SKU-A", "6900001", "NEW"));

    Answer answer = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByCaseId(c, "SKU-A", "6900001", "DAMAGED"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(cases.require(c.getId()).getLines().getFirst().grade()).isEqualTo(Grade.NEW);
  }

  @Test
  void caseNotAwaitingItsParcelIs409AndUnchanged() {
    AfterSalesCase c = caseAwaitingParcel();
    c.moveTo(CaseStatus.REJECTED, Instant.now());
    cases.save(c);

    Answer answer = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receiptByCaseId(c, "SKU-A", "6900001", "NEW"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.body().path("detail").asText()).contains("REJECTED", "AWAITING_PARCEL");
    assertThat(cases.require(c.getId()).getStatus()).isEqualTo(CaseStatus.REJECTED);
    assertThat(published(c.getId())).isEmpty();
  }

  @Test
  void anItemNotAmongTheCaseLinesReachesAnAgentInsteadOfBeingRefused() {
    AfterSalesCase c = caseAwaitingParcel();

    Answer answer = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"},
                                {"sku":"SKU-B","barcode":"SKU-B","grade":"NEW"},
                                {"sku":"SKU-X","barcode":"7700001","grade":"NEW"}]}""".formatted(c.getId()));

    assertThat(answer.status()).isEqualTo(202);
    AfterSalesCase received = cases.require(c.getId());
    assertThat(received.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(received.getUnexpectedItems()).containsExactly(new UnexpectedItem("SKU-X", "7700001", Grade.NEW));
    assertThat(correlations(c)).hasSize(1);
    // the live workers inspect it: the item on none of the lines is a mismatch, for an agent
    awaitUserTask(c.getProcessInstanceKey(), "UserTask_ResolveBarcodeMismatch");
  }

  @Test
  void aParcelAfterTheCaseWasClosedForNoParcelIsNotLostAnAgentDecidesOnIt() {
    AfterSalesCase c = caseAwaitingParcel();
    c.moveTo(CaseStatus.CLOSED, Instant.now());
    cases.save(c);
    String receipt = receiptByCaseId(c, "SKU-A", "6900001", "NEW");

    Answer late = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receipt);
    Answer again = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, receipt);

    assertThat(late.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    AfterSalesCase reopened = cases.require(c.getId());
    assertThat(reopened.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(reopened.isLateParcel()).isTrue();
    assertThat(reopened.getClosedAt()).isNull();
    assertThat(instancesStartedBy(Messages.LATE_PARCEL_RECEIVED, c.getId())).singleElement()
        .satisfies(key -> awaitUserTask(key, "UserTask_DecideOnLateParcel"));
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::summary)
        .contains("Parcel received after the case was closed: an agent decides");
  }

  @Test
  void unknownCaseOrTrackingNumberIs404() {
    assertThat(post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"no-such-case","items":[{"sku":"SKU-A","barcode":"1","grade":"NEW"}]}""").status()).isEqualTo(404);
    Answer byTracking = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"trackingNumber":"NO-SUCH-TRK","items":[{"sku":"SKU-A","barcode":"1","grade":"NEW"}]}""");
    assertThat(byTracking.status()).isEqualTo(404);
    assertThat(byTracking.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void invalidReceiptIs400NamingEveryBadField() {
    Answer both = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"c","trackingNumber":"t","items":[{"sku":"SKU-A","barcode":"","grade":"BROKEN"},
                                                  {"sku":"SKU-A","barcode":"1","grade":"NEW"},{"barcode":"2"}]}""");
    Answer neither = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"items":[]}""");

    assertThat(errorFields(both)).containsExactlyInAnyOrder("caseId", "trackingNumber", "items[0].barcode",
        "items[0].grade", "items[1].sku", "items[2].sku", "items[2].grade");
    assertThat(errorFields(neither)).containsExactlyInAnyOrder("caseId", "trackingNumber", "items");
  }

  @Test
  void onlyTheWarehouseReportsParcels() {
    AfterSalesCase c = caseAwaitingParcel();
    String receipt = receiptByCaseId(c, "SKU-A", "6900001", "NEW");

    assertThat(post(TestUser.AGENT, ApiPaths.RECEIPTS, receipt).status()).isEqualTo(403);
    assertThat(post(TestUser.AUDITOR, ApiPaths.RECEIPTS, receipt).status()).isEqualTo(403);
    assertThat(post(TestUser.CHANNEL, ApiPaths.RECEIPTS, receipt).status()).isEqualTo(403);
    assertThat(call(null, HttpMethod.POST, ApiPaths.RECEIPTS, receipt).status()).isEqualTo(401);
    assertThat(cases.require(c.getId()).getStatus()).isEqualTo(CaseStatus.AWAITING_PARCEL);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * A return case with a label, as the workers leave it, whose process instance waits for the parcel.
   * The instance starts right at the wait so that no job before it needs a worker.
   */
  private AfterSalesCase caseAwaitingParcel() {
    Instant signed = Instant.now().minus(3, ChronoUnit.DAYS);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    AfterSalesCase c = AfterSalesCase.open(CaseType.RETURN, "JD", "R-" + suffix, "O-" + suffix, Reason.NO_REASON,
        null, true, List.of(ReturnLine.requested("SKU-A", 1, null), ReturnLine.requested("SKU-B", 1, null)),
        List.of(), new AfterSalesCase.OrderFacts("C-1", signed, signed, null, "PAY-1", PaymentMethod.ALIPAY, null,
            false, "WH-SH", List.of(
                new OrderLine("SKU-A", "Kettle", 1, new BigDecimal("99.00"), new BigDecimal("99.00"), false, "6900001"),
                new OrderLine("SKU-B", "Teapot", 1, new BigDecimal("59.00"), new BigDecimal("59.00"), false, null))),
        Instant.now());
    c.labelCreated("TRK-" + suffix, "https://labels.example/" + suffix + ".pdf");
    c.moveTo(CaseStatus.AWAITING_PARCEL, Instant.now());
    long key = zeebe().client().newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.RETURN_GOODS).latestVersion()
        .variables(Map.of("caseId", c.getId(), "orderId", c.getOrderId(), "freightInsured", false,
            "paidByInstallments", false, "caseFacts", CaseFacts.decided(c, c.openingSnapshot(), 3, 0)))
        .startBeforeElement(PARCEL_WAIT)
        .send().join(10, java.util.concurrent.TimeUnit.SECONDS).getProcessInstanceKey();
    cases.save(c);
    cases.linkProcessInstance(c.getId(), key);
    zeebe().waitForIdle();
    return cases.require(c.getId());
  }

  private static String receiptByTracking(AfterSalesCase c, String barcode, String grade) {
    return """
        {"trackingNumber":"%s","items":[{"sku":"SKU-A","barcode":"%s","grade":"%s"}]}"""
        .formatted(c.getTrackingNumber(), barcode, grade);
  }

  private static String receiptByCaseId(AfterSalesCase c, String sku, String barcode, String grade) {
    return """
        {"caseId":"%s","items":[{"sku":"%s","barcode":"%s","grade":"%s"}]}""".formatted(c.getId(), sku, barcode, grade);
  }

  private static List<Record<MessageRecordValue>> published(String caseId) {
    return publishedMessages(caseId);
  }

  private static List<Record<ProcessMessageSubscriptionRecordValue>> correlations(AfterSalesCase c) {
    return correlations(c.getProcessInstanceKey(), Messages.PARCEL_RECEIVED);
  }
}
