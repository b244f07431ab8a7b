package dev.aftersales.returns;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessPathTest;
import dev.aftersales.testsupport.SampleFacts;
import dev.aftersales.workers.decision.RecordReasonClassificationWorker;
import dev.aftersales.workers.decision.RecordReturnEligibilityWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per path of {@code return-request} and the {@code return-goods} process it calls: the
 * workers are mocked by completing their jobs with the variables the contract
 * (docs/returns-process.md) says they return, agents by completing the user tasks with form data. A
 * fresh engine per test keeps paths from seeing each other's jobs.
 */
class ReturnRequestProcessTest extends ProcessPathTest {

  // element ids of return-request
  private static final String START = "StartEvent_ReturnRequested";
  private static final String RECEIVE_GOODS = "CallActivity_ReceiveReturnedGoods";
  private static final String GOODS_REJECTED = "BoundaryEvent_GoodsRejected";
  private static final String GOODS_NOT_RECEIVED = "BoundaryEvent_GoodsNotReceived";
  private static final String END_REQUEST_REJECTED = "EndEvent_ReturnRequestRejected";
  private static final String END_REQUEST_EXPIRED = "EndEvent_ReturnRequestExpired";
  private static final String CLAIM_FREIGHT = "ServiceTask_ClaimFreightInsurance";
  private static final String CALCULATE_REFUND = "ServiceTask_CalculateRefund";
  private static final String REFUND = "ServiceTask_RefundPayment";
  private static final String REFUND_DECLINED = "BoundaryEvent_RefundDeclined";
  private static final String MANUAL_REFUND = "UserTask_ArrangeManualRefund";
  private static final String RECORD_MANUAL_REFUND = "ServiceTask_RecordManualRefund";
  private static final String REVERSE_INSTALMENTS = "ServiceTask_ReverseInstalmentPlan";
  private static final String NOTIFY_REFUND = "ServiceTask_NotifyCustomerOfRefund";
  private static final String CLOSE_REFUNDED = "ServiceTask_CloseRefundedCase";
  private static final String END_REFUNDED = "EndEvent_ReturnRefunded";

  // element ids of return-goods (the ids they had when they were part of return-request)
  private static final String GOODS_START = "StartEvent_ReturnOfGoodsRequested";
  private static final String CLASSIFY = "BusinessRuleTask_ClassifyReturnReason";
  private static final String DECIDE = "BusinessRuleTask_DecideReturnEligibility";
  private static final String COUPON = "ServiceTask_IssueCompensationCoupon";
  private static final String NOTIFY_REJECTION = "ServiceTask_NotifyCustomerOfRejection";
  private static final String CLOSE_REJECTED = "ServiceTask_CloseRejectedCase";
  private static final String END_REJECTED = "EndEvent_ReturnRejected";
  private static final String REVIEW = "UserTask_ReviewEvidence";
  private static final String ESCALATE_REVIEW = "ServiceTask_EscalateOverdueReview";
  private static final String REVIEW_ESCALATED = "EndEvent_ReviewEscalated";
  private static final String RECORD_REVIEW = "ServiceTask_RecordReviewOutcome";
  private static final String CREATE_LABEL = "ServiceTask_CreateReturnLabel";
  private static final String ANNOUNCE = "ServiceTask_AnnounceReturnToWarehouse";
  private static final String SEND_LABEL = "ServiceTask_SendReturnLabel";
  private static final String AWAIT_PARCEL = "Gateway_ParcelReceivedInTime";
  private static final String PARCEL_RECEIVED = "IntermediateCatchEvent_ParcelReceived";
  private static final String PARCEL_NOT_RECEIVED = "IntermediateCatchEvent_ParcelNotReceived";
  private static final String NOTIFY_CLOSURE = "ServiceTask_NotifyCustomerOfClosure";
  private static final String CLOSE_EXPIRED = "ServiceTask_CloseExpiredCase";
  private static final String END_EXPIRED = "EndEvent_ReturnExpired";
  private static final String INSPECT = "ServiceTask_InspectReturnedItems";
  private static final String RESOLVE_MISMATCH = "UserTask_ResolveBarcodeMismatch";
  private static final String RECORD_MISMATCH = "ServiceTask_RecordMismatchResolution";
  private static final String NOTIFY_REFUSAL = "ServiceTask_NotifyCustomerOfRefusal";
  private static final String CLOSE_REFUSED = "ServiceTask_CloseRefusedCase";
  private static final String END_REFUSED = "EndEvent_ReturnRefused";
  private static final String DECIDE_DEDUCTION = "UserTask_DecideRefundDeduction";
  private static final String RECORD_DEDUCTION = "ServiceTask_RecordRefundDeduction";
  private static final String DISPOSE = "ServiceTask_DisposeReturnedItems";
  private static final String GOODS_RECEIVED = "EndEvent_GoodsReceived";

  @Test
  void autoApprovedReturnIsRefunded() {
    final long key = autoApprovedReturnRefunded();

    goods(key)
        .hasPassedElementsInOrder(
            GOODS_START, CLASSIFY, DECIDE, CREATE_LABEL, SEND_LABEL, ANNOUNCE, PARCEL_RECEIVED, INSPECT,
            DISPOSE, GOODS_RECEIVED)
        .hasNotPassedElement(REVIEW)
        .hasCorrelatedMessageByCorrelationKey(caseId, 1)
        .hasNoIncidents()
        .isCompleted();
    process(key)
        .hasPassedElementsInOrder(START, RECEIVE_GOODS, CALCULATE_REFUND, REFUND, NOTIFY_REFUND, CLOSE_REFUNDED, END_REFUNDED)
        .hasNotPassedElement(CLAIM_FREIGHT)
        .hasNotPassedElement(REVERSE_INSTALMENTS)
        .hasNoIncidents()
        .isCompleted();
  }

  /**
   * A broker keeps what an instance leaves behind in its state and in every snapshot (and the in-memory engine of
   * tests, the local stack and the benchmark copies all of it on every prefix scan): an ended return leaves only its
   * parcel message, until the message's time to live runs out.
   */
  @Test
  void anEndedReturnLeavesNothingButItsParcelMessageInTheEngine() {
    Map<ZbColumnFamilies, Integer> before = zeebe.stateEntries();
    final long key = autoApprovedReturnRefunded();
    process(key).isCompleted();

    Map<ZbColumnFamilies, Integer> after = zeebe.stateEntries();
    Map<ZbColumnFamilies, Integer> added = new EnumMap<>(ZbColumnFamilies.class);
    for (ZbColumnFamilies family : ZbColumnFamilies.values()) {
      int change = after.getOrDefault(family, 0) - before.getOrDefault(family, 0);
      if (change != 0) {
        added.put(family, change);
      }
    }
    assertThat(added).as("entries the ended return left in the engine's state, per column family").isEqualTo(Map.of(
        ZbColumnFamilies.MESSAGES, 1, ZbColumnFamilies.MESSAGE_KEY, 1, ZbColumnFamilies.MESSAGE_DEADLINES, 1,
        ZbColumnFamilies.MESSAGE_CORRELATED, 1,
        ZbColumnFamilies.MESSAGE_STATS, 1)); // the engine's count of retained messages: one entry for all of them
  }

  @Test
  void approvedEvidenceReviewLeadsToTheReturnLabel() {
    final long key = startReturn(false, false);
    classify("QUALITY", "qc-team");
    decide("EVIDENCE_REVIEW");

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, REVIEW);
    assertThat(task.getProcessInstanceKey()).as("the task lives in the called return-goods").isNotEqualTo(key);
    assertThat(task.getCandidateGroupsList()).containsExactly("qc-team");
    assertThat(task.getPriority()).as("quality reviews come first").isEqualTo(80);
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form").isPositive();
    zeebe.completeUserTask(key, REVIEW, Map.of("reviewDecision", "APPROVE", "reviewNote", "zip broken"));
    assertThat(completeJob(JobTypes.RECORD_EVIDENCE_REVIEW).getCustomHeaders())
        .containsEntry(Headers.TASK, "evidence-review");
    sendLabelAndReceiveParcel();
    inspect(true, true);
    refund();

    goods(key).hasPassedElementsInOrder(DECIDE, REVIEW, RECORD_REVIEW, CREATE_LABEL, SEND_LABEL, PARCEL_RECEIVED);
    process(key)
        .hasPassedElementsInOrder(RECEIVE_GOODS, REFUND, END_REFUNDED)
        .as("the called process hands its variables back")
        .hasVariableWithValue("reviewDecision", "APPROVE")
        .isCompleted();
  }

  @Test
  void rejectedEvidenceReviewClosesTheCaseRejected() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("EVIDENCE_REVIEW");

    assertThat(zeebe.requireOpenUserTask(key, REVIEW).getPriority()).isEqualTo(50);
    zeebe.completeUserTask(
        key, REVIEW, Map.of("reviewDecision", "REJECT", "rejectionReason", "Label removed, item worn"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    expectRejectionNotifiedAndClosed();

    goods(key)
        .hasPassedElementsInOrder(DECIDE, REVIEW, RECORD_REVIEW, NOTIFY_REJECTION, CLOSE_REJECTED)
        .hasNotPassedElement(COUPON)
        .hasNotPassedElement(CREATE_LABEL)
        .as("ended by the error end event '%s' (goods-rejected)", END_REJECTED)
        .isTerminated();
    expectEndedRejected(key);
  }

  @Test
  void autoRejectedReturnGetsACompensationCoupon() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_REJECT");
    completeJob(JobTypes.ISSUE_COMPENSATION_COUPON, Map.of());
    expectRejectionNotifiedAndClosed();

    goods(key)
        .hasPassedElementsInOrder(DECIDE, COUPON, NOTIFY_REJECTION, CLOSE_REJECTED)
        .hasNotPassedElement(REVIEW)
        .hasNotPassedElement(CREATE_LABEL)
        .isTerminated();
    expectEndedRejected(key);
  }

  @Test
  void parcelNeverArrivingWithinSevenDaysClosesTheRequest() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabel();
    goods(key).isWaitingForMessages(Messages.PARCEL_RECEIVED);

    zeebe.increaseTime(Duration.ofDays(6));
    goods(key).as("still waiting after 6 days").isWaitingAtElements(AWAIT_PARCEL);
    zeebe.increaseTime(Duration.ofDays(1));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_EXPIRED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "CLOSED");

    goods(key)
        .hasPassedElementsInOrder(SEND_LABEL, PARCEL_NOT_RECEIVED, NOTIFY_CLOSURE, CLOSE_EXPIRED)
        .hasNotPassedElement(PARCEL_RECEIVED)
        .isNotWaitingForMessages(Messages.PARCEL_RECEIVED)
        .as("ended by the error end event '%s' (goods-not-received)", END_EXPIRED)
        .isTerminated();
    process(key)
        .hasPassedElementsInOrder(START, GOODS_NOT_RECEIVED, END_REQUEST_EXPIRED)
        .hasNotPassedElement(GOODS_REJECTED)
        .hasNotPassedElement(CALCULATE_REFUND)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void overdueReviewIsEscalatedAndTheTaskKeepsItsWork() {
    final long key = startReturn(false, false);
    classify("QUALITY", "qc-team");
    decide("EVIDENCE_REVIEW");
    final long taskKey = zeebe.requireOpenUserTask(key, REVIEW).getUserTaskKey();

    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "evidence-review");

    goods(key).hasPassedElement(REVIEW_ESCALATED).isWaitingAtElements(REVIEW).isActive();
    assertThat(zeebe.requireOpenUserTask(key, REVIEW).getUserTaskKey())
        .as("the same task stays with the agent")
        .isEqualTo(taskKey);

    zeebe.completeUserTask(key, REVIEW, Map.of("reviewDecision", "APPROVE"));
    completeJob(JobTypes.RECORD_EVIDENCE_REVIEW);
    goods(key)
        // elements in completion order: the escalation finished while the task was still open
        .hasPassedElementsInOrder(ESCALATE_REVIEW, REVIEW_ESCALATED, REVIEW, RECORD_REVIEW)
        .hasPassedElement(REVIEW, 1)
        .isWaitingAtElements(CREATE_LABEL);
  }

  @Test
  void barcodeMismatchAcceptedByTheWarehouseIsRefunded() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(false, true);

    assertThat(zeebe.requireOpenUserTask(key, RESOLVE_MISMATCH).getCandidateGroupsList())
        .containsExactly("warehouse-team");
    zeebe.completeUserTask(
        key,
        RESOLVE_MISMATCH,
        Map.of("mismatchResolution", "ACCEPT_RETURN", "mismatchNote", "Same item, relabelled by the supplier"));
    assertThat(completeJob(JobTypes.RECORD_BARCODE_MISMATCH).getCustomHeaders())
        .containsEntry(Headers.TASK, "barcode-mismatch");
    refund();

    goods(key).hasPassedElementsInOrder(INSPECT, RESOLVE_MISMATCH, RECORD_MISMATCH, DISPOSE, GOODS_RECEIVED);
    process(key).hasPassedElementsInOrder(RECEIVE_GOODS, REFUND, END_REFUNDED).isCompleted();
  }

  @Test
  void barcodeMismatchRefusedByTheWarehouseClosesTheCaseRejected() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(false, true);

    zeebe.completeUserTask(
        key,
        RESOLVE_MISMATCH,
        Map.of("mismatchResolution", "REFUSE_RETURN", "mismatchNote", "A different, cheaper jacket"));
    completeJob(JobTypes.RECORD_BARCODE_MISMATCH);
    expectRejectionNotifiedAndClosed();

    goods(key)
        .hasPassedElementsInOrder(
            INSPECT, RESOLVE_MISMATCH, RECORD_MISMATCH, NOTIFY_REFUSAL, CLOSE_REFUSED)
        .hasNotPassedElement(DISPOSE)
        .as("ended by the error end event '%s' (goods-rejected)", END_REFUSED)
        .isTerminated();
    expectEndedRejected(key);
  }

  @Test
  void unopenedReturnArrivingUsedGoesToARefundDeduction() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(true, false);

    assertThat(zeebe.requireOpenUserTask(key, DECIDE_DEDUCTION).getCandidateGroupsList())
        .containsExactly("qc-team");
    zeebe.completeUserTask(
        key, DECIDE_DEDUCTION, Map.of("deductionAmount", 25.50, "deductionReason", "Worn once, tag removed"));
    assertThat(completeJob(JobTypes.RECORD_REFUND_DEDUCTION).getCustomHeaders())
        .containsEntry(Headers.TASK, "refund-deduction");
    refund();

    goods(key).hasPassedElementsInOrder(INSPECT, DECIDE_DEDUCTION, RECORD_DEDUCTION, DISPOSE, GOODS_RECEIVED);
    process(key)
        .hasPassedElementsInOrder(RECEIVE_GOODS, CALCULATE_REFUND, END_REFUNDED)
        .hasVariableWithValue("deductionAmount", 25.50)
        .isCompleted();
  }

  @Test
  void insuredFreightIsClaimedBeforeTheRefund() {
    final long key = startReturn(true, false);
    classify("QUALITY", "qc-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(true, true);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS, Map.of());
    completeJob(JobTypes.CLAIM_FREIGHT_INSURANCE, Map.of());
    completeJob(JobTypes.CALCULATE_REFUND, Map.of());
    completeJob(JobTypes.REFUND_PAYMENT, Map.of());
    expectRefundNotifiedAndClosed();

    process(key)
        .hasPassedElementsInOrder(RECEIVE_GOODS, CLAIM_FREIGHT, CALCULATE_REFUND, REFUND, END_REFUNDED)
        .isCompleted();
  }

  @Test
  void instalmentPaymentHasItsPlanReversedAfterTheRefund() {
    final long key = startReturn(false, true);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(true, true);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS, Map.of());
    completeJob(JobTypes.CALCULATE_REFUND, Map.of());
    completeJob(JobTypes.REFUND_PAYMENT, Map.of());
    completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN, Map.of());
    expectRefundNotifiedAndClosed();

    process(key)
        .hasPassedElementsInOrder(REFUND, REVERSE_INSTALMENTS, NOTIFY_REFUND, CLOSE_REFUNDED, END_REFUNDED)
        .isCompleted();
  }

  @Test
  void declinedRefundIsArrangedManuallyByFinance() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(true, true);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS, Map.of());
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "259.00", "paymentMethod", "CARD"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, MANUAL_REFUND);
    assertThat(task.getCandidateGroupsList()).containsExactly("finance-team");
    zeebe.completeUserTask(key, MANUAL_REFUND, Map.of("manualRefundReference", "BT-20261121-0042"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    expectRefundNotifiedAndClosed();

    process(key)
        .hasPassedElementsInOrder(REFUND_DECLINED, MANUAL_REFUND, RECORD_MANUAL_REFUND, NOTIFY_REFUND, END_REFUNDED)
        .hasNoIncidents()
        .isCompleted();
  }

  // ------------------------------------------------------------------ the mocked workers

  private long startReturn(final boolean freightInsured, final boolean paidByInstallments) {
    return bound(zeebe
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.RETURN_REQUEST)
        .latestVersion()
        .variables(
            Map.of(
                "caseId", caseId,
                "orderId", "order-4711",
                "freightInsured", freightInsured,
                "paidByInstallments", paidByInstallments))
        .send()
        .join()
        .getProcessInstanceKey());
  }

  private void classify(final String reason, final String queue) {
    final Map<String, Object> result = decided(JobTypes.RECORD_REASON_CLASSIFICATION,
        RecordReasonClassificationWorker.RESULT, SampleFacts.statedReason(reason),
        Map.of("reason", reason, "queue", queue));
    assertThat(result).containsEntry("reason", reason).containsEntry("queue", queue);
  }

  private void decide(final String eligibility) {
    final Map<String, Object> caseFacts = new HashMap<>();
    caseFacts.put("channel", "TMALL");
    caseFacts.put("orderId", "order-4711");
    caseFacts.put("daysSinceDelivery", 3);
    caseFacts.put("windowDays", 7);
    caseFacts.put("evidence", List.of(Map.of("url", "https://img.example/1.jpg", "kind", "PHOTO")));
    final Map<String, Object> result = decided(JobTypes.RECORD_RETURN_ELIGIBILITY,
        RecordReturnEligibilityWorker.RESULT, SampleFacts.returnDecidedAs(eligibility), Map.of("caseFacts", caseFacts));
    assertThat(result).containsEntry("eligibility", eligibility);
  }

  private void sendLabel() {
    completeJob(JobTypes.CREATE_RETURN_LABEL, Map.of("trackingNumber", "SF1234567890"));
    // The label goes to the customer first: a warehouse outage never holds it back.
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_LABEL");
    completeJob(JobTypes.ANNOUNCE_RETURN_TO_WAREHOUSE, Map.of());
  }

  /** A no-reason return, auto-approved, through label, parcel and inspection to its refund; its instance key. */
  private long autoApprovedReturnRefunded() {
    final long key = startReturn(false, false);
    classify("NO_REASON", "warehouse-team");
    decide("AUTO_APPROVE");
    sendLabelAndReceiveParcel();
    inspect(true, true);
    refund();
    return key;
  }

  private void sendLabelAndReceiveParcel() {
    sendLabel();
    zeebe
        .client()
        .newPublishMessageCommand()
        .messageName(Messages.PARCEL_RECEIVED)
        .correlationKey(caseId)
        .send()
        .join();
    zeebe.waitForIdle();
  }

  private void inspect(final boolean barcodesMatch, final boolean conditionAsDeclared) {
    completeJob(
        JobTypes.INSPECT_RETURNED_ITEMS,
        Map.of(
            "barcodesMatch", barcodesMatch,
            "conditionAsDeclared", conditionAsDeclared,
            "returnedLinesPaid", "259.00",
            "inspectionFindings",
            List.of(
                Map.of(
                    "sku", "JK-001-M",
                    "expectedBarcode", "6901234567892",
                    "scannedBarcode", barcodesMatch ? "6901234567892" : "6901234567809",
                    "grade", conditionAsDeclared ? "NEW" : "LIGHTLY_USED"))));
  }

  /** Disposition, refund calculation and payment on the plain path (not insured, paid at once). */
  private void refund() {
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS, Map.of());
    completeJob(JobTypes.CALCULATE_REFUND, Map.of());
    completeJob(JobTypes.REFUND_PAYMENT, Map.of());
    expectRefundNotifiedAndClosed();
  }

  private void expectRefundNotifiedAndClosed() {
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REFUNDED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REFUNDED");
  }

  private void expectRejectionNotifiedAndClosed() {
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REJECTED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REJECTED");
  }

  /** return-request caught goods-rejected from return-goods and ended without a refund. */
  private void expectEndedRejected(final long key) {
    process(key)
        .hasPassedElementsInOrder(START, GOODS_REJECTED, END_REQUEST_REJECTED)
        .hasNotPassedElement(CALCULATE_REFUND)
        .hasNotPassedElement(REFUND)
        .hasNoIncidents()
        .isCompleted();
  }


  /** The return-goods instance that return-request called. */
  private ProcessInstanceAssert goods(final long key) {
    return process(zeebe.calledProcessInstanceKey(key, ProcessIds.RETURN_GOODS));
  }
}
