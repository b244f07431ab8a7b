package dev.aftersales.missent;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseFacts.ItemFact;
import dev.aftersales.cases.Reason;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessPathTest;
import dev.aftersales.workers.decision.RecordWrongItemHandlingWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per path of {@code mis-sent-item} (docs/exchange-and-mis-sent-process.md): workers mocked by
 * completing their jobs with the contract's variables, agents by completing the review tasks.
 */
class MisSentItemProcessTest extends ProcessPathTest {

  private static final String START = "StartEvent_MisSentItemReported";
  private static final String REVIEW_CLAIM = "UserTask_ReviewMisSentClaim";
  private static final String RECORD_CLAIM_REVIEW = "ServiceTask_RecordClaimReview";
  private static final String REPORT_PICKING_ERROR = "ServiceTask_ReportPickingError";
  private static final String REVIEW_DISPUTE = "UserTask_ReviewDisputedPick";
  private static final String RECORD_DISPUTE_REVIEW = "ServiceTask_RecordDisputeReview";
  private static final String NOTIFY_REJECTION = "ServiceTask_NotifyCustomerOfRejection";
  private static final String CLOSE_REJECTED = "ServiceTask_CloseRejectedCase";
  private static final String END_REJECTED = "EndEvent_ClaimRejected";
  private static final String RESHIP = "ServiceTask_ReshipCorrectItem";
  private static final String SHIP = "ServiceTask_ShipFromAftersalesWarehouse";
  private static final String NOTIFY_RESHIPPED = "ServiceTask_NotifyCustomerOfReshipment";
  private static final String CORRECT_STOCK = "ServiceTask_CorrectStock";
  private static final String CLOSE_MISSING = "ServiceTask_CloseMissingItemCase";
  private static final String END_MISSING = "EndEvent_MissingItemReshipped";
  private static final String DECIDE_HANDLING = "BusinessRuleTask_DecideWrongItemHandling";
  private static final String NOTIFY_KEEP = "ServiceTask_NotifyCustomerToKeepWrongItem";
  private static final String CREATE_LABEL = "ServiceTask_CreateReturnLabel";
  private static final String SEND_LABEL = "ServiceTask_SendReturnLabel";
  private static final String AWAIT_WRONG_ITEM = "Gateway_WrongItemBackInTime";
  private static final String WRONG_ITEM_RECEIVED = "IntermediateCatchEvent_WrongItemReceived";
  private static final String WRONG_ITEM_NOT_RETURNED = "IntermediateCatchEvent_WrongItemNotReturned";
  private static final String RESTOCK = "ServiceTask_RestockWrongItem";
  private static final String CLOSE_RESHIPPED = "ServiceTask_CloseReshippedCase";
  private static final String END_SETTLED = "EndEvent_WrongItemSettled";
  private static final String CHECK_PACKED = "ServiceTask_CheckPackedShipment";
  private static final String CHECK_RESHIP_STOCK = "ServiceTask_CheckReshipStock";
  private static final String CONTACT_RESHIP = "UserTask_ContactCustomerAboutReshipment";
  private static final String RESHIP_ARRIVAL_PASSED = "IntermediateCatchEvent_ReshipArrivalDatePassed";
  private static final String UPHOLD_PICKING_ERROR = "ServiceTask_UpholdPickingError";
  private static final String CLEAR_PICKING_ERROR = "ServiceTask_ClearPickingError";
  private static final String INSPECT_WRONG_ITEM = "ServiceTask_InspectWrongItem";
  private static final String RESOLVE_MISMATCH = "UserTask_ResolveWrongItemMismatch";
  private static final String RECORD_MISMATCH = "ServiceTask_RecordWrongItemMismatch";
  private static final String AGREE_ON_WRONG_ITEM = "UserTask_AgreeOnWrongItem";
  private static final String RECORD_WRONG_ITEM_ANSWER = "ServiceTask_RecordWrongItemAnswer";

  @Test
  void missingItemNotPackedIsReshippedAndStockCorrected() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(false);
    pickingErrorReported(false);
    correctItemReshipped();
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(
            START, CHECK_PACKED, REPORT_PICKING_ERROR, RESHIP, SHIP, NOTIFY_RESHIPPED, CORRECT_STOCK, CLOSE_MISSING,
            END_MISSING)
        .hasNotPassedElement(REVIEW_CLAIM)
        .hasNotPassedElement(DECIDE_HANDLING)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void cheapWrongItemStaysWithTheCustomer() {
    final long key = start("WRONG_ITEM", true);
    pickingErrorReported(false);
    correctItemReshipped();
    wrongItemHandlingDecided(true);
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "KEEP_WRONG_ITEM");
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(CORRECT_STOCK, DECIDE_HANDLING, NOTIFY_KEEP, CLOSE_RESHIPPED, END_SETTLED)
        .hasNotPassedElement(CREATE_LABEL)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aWrongItemNoRuleDecidesOnGoesToAnAgentWhoAgreesWithTheCustomerThatItComesBack() {
    // a process owner dropped the catch-all row: an unknown value now matches no rule
    final long definition = zeebe.deployAllModelsEdited(Map.of("wrong-item-handling.dmn",
            dmn -> dmn.replace("<text>-</text>", "<text>&gt; 30</text>")))
        .getProcesses().stream().filter(p -> p.getBpmnProcessId().equals(ProcessIds.MIS_SENT_ITEM)).findFirst()
        .orElseThrow().getProcessDefinitionKey();
    final long key = bound(zeebe.client().newCreateInstanceCommand().processDefinitionKey(definition)
        .variables(startVariables("WRONG_ITEM", true)).send().join().getProcessInstanceKey());
    pickingErrorReported(false);
    correctItemReshipped();
    final Map<String, Object> unknownValue = new HashMap<>();
    unknownValue.put("caseType", "WRONG_ITEM");
    unknownValue.put("wrongItemValue", null);
    completeJob(JobTypes.GATHER_DECISION_FACTS, Map.of("facts", unknownValue));
    final ActivatedJob recorded = completeJob(JobTypes.RECORD_WRONG_ITEM_HANDLING);
    assertThat(recorded.getVariablesAsMap().get(RecordWrongItemHandlingWorker.RESULT)).as("no rule matched").isNull();

    final UserTaskRecordValue agree = zeebe.requireOpenUserTask(key, AGREE_ON_WRONG_ITEM);
    assertThat(agree.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(agree.getDueDate()).isNotBlank();
    zeebe.completeUserTask(key, AGREE_ON_WRONG_ITEM,
        Map.of("customerAnswer", "SEND_BACK", "contactNotes", "customer prefers to send it back"));
    assertThat(completeJob(JobTypes.RECORD_CUSTOMER_ANSWER).getElementId()).isEqualTo(RECORD_WRONG_ITEM_ANSWER);
    freeLabelSent();

    process(key)
        .hasPassedElementsInOrder(DECIDE_HANDLING, AGREE_ON_WRONG_ITEM, RECORD_WRONG_ITEM_ANSWER, CREATE_LABEL,
            SEND_LABEL)
        .hasNotPassedElement(NOTIFY_KEEP)
        .hasNoIncidents()
        .isWaitingAtElements(AWAIT_WRONG_ITEM);
  }

  @Test
  void aWrongItemTheAgentAgreesTheCustomerKeepsStaysWithTheCustomer() {
    final long definition = zeebe.deployAllModelsEdited(Map.of("wrong-item-handling.dmn",
            dmn -> dmn.replace("<text>-</text>", "<text>&gt; 30</text>")))
        .getProcesses().stream().filter(p -> p.getBpmnProcessId().equals(ProcessIds.MIS_SENT_ITEM)).findFirst()
        .orElseThrow().getProcessDefinitionKey();
    final long key = bound(zeebe.client().newCreateInstanceCommand().processDefinitionKey(definition)
        .variables(startVariables("WRONG_ITEM", true)).send().join().getProcessInstanceKey());
    pickingErrorReported(false);
    correctItemReshipped();
    final Map<String, Object> unknownValue = new HashMap<>();
    unknownValue.put("wrongItemValue", null);
    completeJob(JobTypes.GATHER_DECISION_FACTS, Map.of("facts", unknownValue));
    completeJob(JobTypes.RECORD_WRONG_ITEM_HANDLING);

    zeebe.completeUserTask(key, AGREE_ON_WRONG_ITEM, Map.of("customerAnswer", "KEEP_ITEM"));
    completeJob(JobTypes.RECORD_CUSTOMER_ANSWER);
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "KEEP_WRONG_ITEM");
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(AGREE_ON_WRONG_ITEM, RECORD_WRONG_ITEM_ANSWER, NOTIFY_KEEP, CLOSE_RESHIPPED,
            END_SETTLED)
        .hasNotPassedElement(CREATE_LABEL)
        .isCompleted();
  }

  @Test
  void dearWrongItemComesBackAndIsRestocked() {
    final long key = start("WRONG_ITEM", true);
    pickingErrorReported(false);
    correctItemReshipped();
    wrongItemHandlingDecided(false);
    freeLabelSent();
    process(key).isWaitingAtElements(AWAIT_WRONG_ITEM).isWaitingForMessages(Messages.PARCEL_RECEIVED);

    zeebe.client().newPublishMessageCommand().messageName(Messages.PARCEL_RECEIVED).correlationKey(caseId)
        .send().join();
    zeebe.waitForIdle();
    wrongItemInspected(true);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS);
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(DECIDE_HANDLING, CREATE_LABEL, SEND_LABEL, WRONG_ITEM_RECEIVED, INSPECT_WRONG_ITEM,
            RESTOCK, CLOSE_RESHIPPED, END_SETTLED)
        .hasNotPassedElement(RESOLVE_MISMATCH)
        .hasNotPassedElement(NOTIFY_KEEP)
        .hasCorrelatedMessageByCorrelationKey(caseId, 1)
        .isCompleted();
  }

  @Test
  void wrongItemWithoutPhotoIsRejectedByTheReview() {
    final long key = start("WRONG_ITEM", false);

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, REVIEW_CLAIM);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form evidence-review").isPositive();
    zeebe.completeUserTask(key, REVIEW_CLAIM,
        Map.of("reviewDecision", "REJECT", "rejectionReason", "The order shows the item was packed correctly"));
    assertThat(completeJob(JobTypes.RECORD_EVIDENCE_REVIEW).getCustomHeaders())
        .containsEntry(Headers.TASK, "evidence-review");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "MIS_SENT_REJECTED");
    closed("REJECTED");

    process(key)
        .hasPassedElementsInOrder(START, REVIEW_CLAIM, RECORD_CLAIM_REVIEW, NOTIFY_REJECTION, CLOSE_REJECTED, END_REJECTED)
        .hasNotPassedElement(REPORT_PICKING_ERROR)
        .hasNotPassedElement(RESHIP)
        .isCompleted();
  }

  @Test
  void wrongItemWithoutPhotoConfirmedByTheReviewIsReshipped() {
    final long key = start("WRONG_ITEM", false);
    zeebe.completeUserTask(key, REVIEW_CLAIM, Map.of("reviewDecision", "APPROVE"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    pickingErrorReported(false);
    correctItemReshipped();
    wrongItemHandlingDecided(true);
    completeJob(JobTypes.NOTIFY_CUSTOMER);
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(REVIEW_CLAIM, RECORD_CLAIM_REVIEW, REPORT_PICKING_ERROR, RESHIP, END_SETTLED)
        .isCompleted();
  }

  @Test
  void pickDisputedByTheWarehouseIsReviewedAndCountedOnlyOnceTheReviewConfirmsIt() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(false);
    pickingErrorReported(true);

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, REVIEW_DISPUTE);
    assertThat(task.getCandidateGroupsList()).containsExactly("warehouse-team");
    zeebe.completeUserTask(key, REVIEW_DISPUTE, Map.of("reviewDecision", "APPROVE", "reviewNote", "CCTV: not packed"));
    assertThat(completeJob(JobTypes.RECORD_EVIDENCE_REVIEW).getCustomHeaders())
        .containsEntry(Headers.TASK, "evidence-review");
    pickingErrorSettled("UPHELD");
    correctItemReshipped();
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(REPORT_PICKING_ERROR, REVIEW_DISPUTE, RECORD_DISPUTE_REVIEW, UPHOLD_PICKING_ERROR, RESHIP,
            END_MISSING)
        .hasNotPassedElement(CLEAR_PICKING_ERROR)
        .isCompleted();
  }

  @Test
  void pickDisputedAndClaimRejectedByTheReviewIsNotCountedAndClosesTheCaseRejected() {
    final long key = start("WRONG_ITEM", true);
    pickingErrorReported(true);
    zeebe.completeUserTask(key, REVIEW_DISPUTE,
        Map.of("reviewDecision", "REJECT", "rejectionReason", "The photo shows the ordered item"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    pickingErrorSettled("REJECTED");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "MIS_SENT_REJECTED");
    closed("REJECTED");

    process(key)
        .hasPassedElementsInOrder(REPORT_PICKING_ERROR, REVIEW_DISPUTE, RECORD_DISPUTE_REVIEW, CLEAR_PICKING_ERROR,
            CLOSE_REJECTED, END_REJECTED)
        .hasNotPassedElement(UPHOLD_PICKING_ERROR)
        .hasNotPassedElement(RESHIP)
        .isCompleted();
  }

  @Test
  void wrongItemNeverSentBackStaysWithTheCustomerAfterSevenDays() {
    final long key = start("WRONG_ITEM", true);
    pickingErrorReported(false);
    correctItemReshipped();
    wrongItemHandlingDecided(false);
    freeLabelSent();

    zeebe.increaseTime(Duration.ofDays(6));
    process(key).isWaitingAtElements(AWAIT_WRONG_ITEM);
    zeebe.increaseTime(Duration.ofDays(1));
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(SEND_LABEL, WRONG_ITEM_NOT_RETURNED, CLOSE_RESHIPPED, END_SETTLED)
        .hasNotPassedElement(RESTOCK)
        .isNotWaitingForMessages(Messages.PARCEL_RECEIVED)
        .isCompleted();
  }

  @Test
  void missingItemThePackingRecordShowsPackedGoesToTheDisputeReviewBeforeAnyReshipment() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(true);

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, REVIEW_DISPUTE);
    assertThat(task.getCandidateGroupsList()).containsExactly("warehouse-team");
    process(key).hasNotPassedElement(REPORT_PICKING_ERROR).hasNotPassedElement(RESHIP);
    zeebe.completeUserTask(key, REVIEW_DISPUTE, Map.of("reviewDecision", "APPROVE", "reviewNote", "parcel 300 g light"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    pickingErrorSettled("UPHELD");
    correctItemReshipped();
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(CHECK_PACKED, REVIEW_DISPUTE, RECORD_DISPUTE_REVIEW, UPHOLD_PICKING_ERROR, RESHIP,
            END_MISSING)
        .hasNotPassedElement(REPORT_PICKING_ERROR)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void missingItemPackedAndRejectedByTheReviewIsNeitherCountedNorReshipped() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(true);
    zeebe.completeUserTask(key, REVIEW_DISPUTE,
        Map.of("reviewDecision", "REJECT", "rejectionReason", "Packed and weighed: 1.2 kg as the order"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    pickingErrorSettled("REJECTED");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "MIS_SENT_REJECTED");
    closed("REJECTED");

    process(key)
        .hasPassedElementsInOrder(CHECK_PACKED, REVIEW_DISPUTE, CLEAR_PICKING_ERROR, CLOSE_REJECTED, END_REJECTED)
        .hasNotPassedElement(REPORT_PICKING_ERROR)
        .hasNotPassedElement(UPHOLD_PICKING_ERROR)
        .hasNotPassedElement(RESHIP)
        .isCompleted();
  }

  @Test
  void returnedWrongItemWhoseBarcodeDoesNotMatchGoesToAnAgentAndIsNotRestockedWhenRefused() {
    final long key = wrongItemBack();
    wrongItemInspected(false);

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, RESOLVE_MISMATCH);
    assertThat(task.getCandidateGroupsList()).containsExactly("warehouse-team");
    assertThat(task.getFormKey()).as("linked form barcode-mismatch").isPositive();
    zeebe.completeUserTask(key, RESOLVE_MISMATCH,
        Map.of("mismatchResolution", "REFUSE_RETURN", "mismatchNote", "a different scarf came back"));
    assertThat(completeJob(JobTypes.RECORD_BARCODE_MISMATCH).getCustomHeaders())
        .containsEntry(Headers.TASK, "barcode-mismatch");
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(WRONG_ITEM_RECEIVED, INSPECT_WRONG_ITEM, RESOLVE_MISMATCH, RECORD_MISMATCH,
            CLOSE_RESHIPPED, END_SETTLED)
        .hasNotPassedElement(RESTOCK)
        .isCompleted();
  }

  @Test
  void returnedWrongItemWithABarcodeMismatchIsRestockedOnlyWhenTheAgentAcceptsIt() {
    final long key = wrongItemBack();
    wrongItemInspected(false);
    zeebe.completeUserTask(key, RESOLVE_MISMATCH,
        Map.of("mismatchResolution", "ACCEPT_RETURN", "mismatchNote", "label torn, item checked by hand"));
    completeJob(JobTypes.RECORD_BARCODE_MISMATCH);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS);
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(INSPECT_WRONG_ITEM, RESOLVE_MISMATCH, RECORD_MISMATCH, RESTOCK, END_SETTLED)
        .isCompleted();
  }

  @Test
  void reshipOutOfStockTheCustomerIsContactedAndTheItemShipsOnceTheArrivalDateHasPassed() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(false);
    pickingErrorReported(false);
    reshipStockChecked(false, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3));

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, CONTACT_RESHIP);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    process(key).hasNotPassedElement(RESHIP);
    zeebe.completeUserTask(key, CONTACT_RESHIP, Map.of("customerAnswer", "WAIT"));
    assertThat(completeJob(JobTypes.RECORD_CUSTOMER_ANSWER).getCustomHeaders())
        .containsEntry(Headers.TASK, "customer-contact");
    zeebe.increaseTime(Duration.ofDays(5));
    correctItemReshipped();
    closed("RESHIPPED");

    process(key)
        .hasPassedElementsInOrder(REPORT_PICKING_ERROR, CHECK_RESHIP_STOCK, CONTACT_RESHIP, RESHIP_ARRIVAL_PASSED,
            CHECK_RESHIP_STOCK, RESHIP, END_MISSING)
        .isCompleted();
  }

  @Test
  void aDeclinedRefundOfAMisSentItemIsArrangedManually() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(false);
    pickingErrorReported(false);
    reshipStockChecked(false, null);
    zeebe.completeUserTask(key, CONTACT_RESHIP, Map.of("customerAnswer", "REFUND"));
    completeJob(JobTypes.RECORD_CUSTOMER_ANSWER);
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "129.00", "paymentMethod", "WECHAT"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");
    zeebe.completeUserTask(key, "UserTask_ArrangeManualMisSentRefund", Map.of("manualRefundReference", "BT-77"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");

    process(key).hasPassedElementsInOrder("ServiceTask_CalculateMisSentRefund", "UserTask_ArrangeManualMisSentRefund",
        "ServiceTask_RecordManualMisSentRefund");
  }

  @Test
  void reshipOutOfStockTheCustomerTakesARefundAndTheCaseClosesRefunded() {
    final long key = start("MISSING_ITEM", false);
    packingRecordChecked(false);
    pickingErrorReported(false);
    reshipStockChecked(false, null);
    zeebe.completeUserTask(key, CONTACT_RESHIP, Map.of("customerAnswer", "REFUND"));
    completeJob(JobTypes.RECORD_CUSTOMER_ANSWER);
    completeJob(JobTypes.CALCULATE_REFUND);
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-9"));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "MIS_SENT_REFUNDED");
    closed("REFUNDED");

    process(key)
        .hasPassedElementsInOrder(CHECK_RESHIP_STOCK, CONTACT_RESHIP, "ServiceTask_CalculateMisSentRefund",
            "ServiceTask_RefundMisSentItem", "EndEvent_MisSentItemRefunded")
        .hasNotPassedElement(RESHIP)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void overdueClaimReviewIsEscalated() {
    final long key = start("WRONG_ITEM", false);
    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "evidence-review");

    process(key).hasPassedElement("EndEvent_ClaimReviewEscalated").isWaitingAtElements(REVIEW_CLAIM);
  }

  // ------------------------------------------------------------------ the mocked workers

  private long start(final String caseType, final boolean evidenceProvided) {
    return bound(zeebe.client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.MIS_SENT_ITEM).latestVersion()
        .variables(startVariables(caseType, evidenceProvided))
        .send().join().getProcessInstanceKey());
  }

  private Map<String, Object> startVariables(final String caseType, final boolean evidenceProvided) {
    return Map.of("caseId", caseId, "orderId", "order-4711", "caseType", caseType,
        "evidenceProvided", evidenceProvided, "paidByInstallments", false,
        "caseFacts", new CaseFacts("TMALL", "order-4711", Reason.valueOf(caseType), "not what I ordered", 2L, null,
            null, null, null, List.of(new ItemFact("DRESS-M", "Summer dress M", 1)), List.of()));
  }

  /** A dear wrong item, photographed, sent back on the free label and arrived. */
  private long wrongItemBack() {
    final long key = start("WRONG_ITEM", true);
    pickingErrorReported(false);
    correctItemReshipped();
    wrongItemHandlingDecided(false);
    freeLabelSent();
    zeebe.client().newPublishMessageCommand().messageName(Messages.PARCEL_RECEIVED).correlationKey(caseId)
        .send().join();
    zeebe.waitForIdle();
    return key;
  }

  private void reshipStockChecked(final boolean inStock, final LocalDate nextArrival) {
    final Map<String, Object> result = new HashMap<>();
    result.put("replacementInStock", inStock);
    result.put("nextArrivalDate", nextArrival == null ? null : nextArrival.toString());
    completeJob(JobTypes.CHECK_REPLACEMENT_STOCK, result);
  }

  private void packingRecordChecked(final boolean packed) {
    completeJob(JobTypes.CHECK_PACKED_SHIPMENT, Map.of("itemPacked", packed));
  }

  private void pickingErrorSettled(final String outcome) {
    assertThat(completeJob(JobTypes.SETTLE_PICKING_ERROR).getCustomHeaders()).containsEntry(Headers.OUTCOME, outcome);
  }

  private void wrongItemInspected(final boolean barcodesMatch) {
    completeJob(JobTypes.INSPECT_RETURNED_ITEMS, Map.of("barcodesMatch", barcodesMatch, "conditionAsDeclared", true,
        "returnedLinesPaid", "0.00", "inspectionFindings", List.of(Map.of("sku", "SCARF-RED", "expectedBarcode", "690002",
            "scannedBarcode", barcodesMatch ? "690002" : "690999", "grade", "NEW"))));
  }

  private void pickingErrorReported(final boolean disputed) {
    completeJob(JobTypes.RECORD_PICKING_ERROR, Map.of("pickDisputed", disputed));
  }

  private void correctItemReshipped() {
    reshipStockChecked(true, null);
    assertThat(completeJob(JobTypes.CREATE_REPLACEMENT_ORDER, Map.of("replacementOrderId", "RO-9"))
        .getCustomHeaders()).containsEntry(Headers.ORDER_TYPE, "RESHIP");
    completeJob(JobTypes.SHIP_FROM_AFTERSALES_WAREHOUSE, Map.of("outboundOrderId", "OUT-9"));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "MIS_SENT_RESHIPPED");
    completeJob(JobTypes.CORRECT_STOCK);
  }

  private void wrongItemHandlingDecided(final boolean keep) {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", "WRONG_ITEM");
    facts.put("wrongItemValue", keep ? 12.50 : 89.00);
    final Map<String, Object> result = decided(JobTypes.RECORD_WRONG_ITEM_HANDLING,
        RecordWrongItemHandlingWorker.RESULT, facts, Map.of());
    assertThat(result).containsEntry("keepWrongItem", keep);
  }

  private void freeLabelSent() {
    assertThat(completeJob(JobTypes.CREATE_RETURN_LABEL, Map.of("trackingNumber", "SF-WRONG-1"))
        .getCustomHeaders()).containsEntry(Headers.LABEL_TYPE, "FREE");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_LABEL");
  }

  private void closed(final String status) {
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, status);
  }
}
