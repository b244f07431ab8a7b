package dev.aftersales.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessPathTest;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per exception type and outcome of {@code order-exception} (docs/exception-orders-process.md):
 * auto-release, agent release, cancel at the deadline, cancel by an agent with a refund, escalation. The
 * workers are mocked by completing their jobs with the variables the contract names; the decision worker
 * evaluates {@code exception-handling} through the engine as the real one does, so the paths run on the real
 * rules. Agents are mocked by completing the review task; timers run on the engine clock.
 */
class OrderExceptionProcessTest extends ProcessPathTest {

  private static final String START = "StartEvent_ExceptionOrderReported";
  private static final String HOLD = "ServiceTask_HoldOrder";
  private static final String DECIDE = "BusinessRuleTask_DecideExceptionHandling";
  private static final String COMPLETE_ADDRESS = "ServiceTask_CompleteAddress";
  private static final String CHECK_RISK = "ServiceTask_CheckCustomerRisk";
  private static final String SWITCH_CARRIER = "ServiceTask_SwitchCarrier";
  private static final String SEND_PAY_LINK = "ServiceTask_SendPayLink";
  private static final String ORDER_PAID = "IntermediateCatchEvent_OrderPaid";
  private static final String DEADLINE_PASSED = "IntermediateCatchEvent_PaymentDeadlinePassed";
  private static final String REVIEW = "UserTask_ReviewExceptionOrder";
  private static final String RECORD_REVIEW = "ServiceTask_RecordExceptionReview";
  private static final String ESCALATE_REVIEW = "ServiceTask_EscalateOverdueReview";
  private static final String RELEASE = "ServiceTask_ReleaseOrder";
  private static final String CLOSE_RELEASED = "ServiceTask_CloseReleasedCase";
  private static final String END_RELEASED = "EndEvent_OrderReleased";
  private static final String CANCEL = "ServiceTask_CancelOrder";
  private static final String REFUND = "ServiceTask_RefundPayment";
  private static final String REFUND_DECLINED = "BoundaryEvent_RefundDeclined";
  private static final String MANUAL_REFUND = "UserTask_ArrangeManualRefund";
  private static final String REVERSE_INSTALMENTS = "ServiceTask_ReverseInstalmentPlan";
  private static final String CLOSE_CANCELLED = "ServiceTask_CloseCancelledCase";
  private static final String END_CANCELLED = "EndEvent_OrderCancelled";
  private static final String EXCEPTION_OVERDUE = "BoundaryEvent_ExceptionOverdue";
  private static final String ESCALATE_EXCEPTION = "ServiceTask_EscalateOverdueException";
  private static final String RESOLVED = "EndEvent_ExceptionOrderResolved";

  @Test
  void cashOnDeliveryWithinTheLimitIsReleasedAtOnce() {
    final long key = reported("CASH_ON_DELIVERY", "1000.00", null, false);
    assertThat(decided()).containsEntry("handling", "RELEASE");
    released();

    process(key)
        .hasPassedElementsInOrder(START, HOLD, DECIDE, RELEASE, CLOSE_RELEASED, END_RELEASED, RESOLVED)
        .hasNotPassedElement(REVIEW)
        .hasNotPassedElement(CANCEL)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void cashOnDeliveryAboveTheLimitIsConfirmedByPhoneAndReleased() {
    final long key = reported("CASH_ON_DELIVERY", "1000.01", null, false);
    assertThat(decided()).containsEntry("handling", "AGENT_REVIEW").containsEntry("reviewKind", "COD_CONFIRMATION");

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, REVIEW);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form exception-review").isPositive();
    reviewed(key, Map.of("exceptionDecision", "RELEASE", "reviewNotes", "confirmed by phone"));
    released();

    process(key)
        .hasPassedElementsInOrder(DECIDE, REVIEW, RECORD_REVIEW, RELEASE, END_RELEASED)
        .hasNotPassedElement(CANCEL)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void completedAddressWithConfidenceIsReleased() {
    final long key = reported("ADDRESS_INCOMPLETE", "199.00", null, false);
    assertThat(decided()).containsEntry("handling", "COMPLETE_ADDRESS");
    completeJob(JobTypes.COMPLETE_ADDRESS, Map.of("addressConfidence", new BigDecimal("0.93")));
    released();

    process(key)
        .hasPassedElementsInOrder(HOLD, DECIDE, COMPLETE_ADDRESS, RELEASE, END_RELEASED)
        .hasNotPassedElement(REVIEW)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void addressNotCompletedWithConfidenceIsResolvedByAnAgentWhoContactsTheCustomer() {
    final long key = reported("ADDRESS_INCOMPLETE", "199.00", null, false);
    decided();
    completeJob(JobTypes.COMPLETE_ADDRESS, Map.of("addressConfidence", new BigDecimal("0.41")));

    process(key).hasVariableWithValue("reviewKind", "ADDRESS_CONTACT");
    reviewed(key, Map.of("exceptionDecision", "RELEASE", "reviewNotes", "customer gave the building number"));
    released();

    process(key)
        .hasPassedElementsInOrder(COMPLETE_ADDRESS, REVIEW, RECORD_REVIEW, RELEASE, END_RELEASED)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void failedPaymentPaidByTheDeadlineIsReleased() {
    final long key = reported("PAYMENT_FAILED", "199.00", null, false);
    assertThat(decided()).containsEntry("handling", "REQUEST_PAYMENT");
    completeJob(JobTypes.REQUEST_ORDER_PAYMENT, Map.of("paymentRequestId", "PR-1"));
    process(key).isWaitingForMessages(Messages.ORDER_PAID);

    zeebe.increaseTime(Duration.ofHours(20));
    zeebe.client().newPublishMessageCommand().messageName(Messages.ORDER_PAID).correlationKey(caseId)
        .messageId(CaseMessagePublisher.messageId(caseId, Messages.ORDER_PAID)).send().join();
    zeebe.waitForIdle();
    released();

    process(key)
        .hasPassedElementsInOrder(DECIDE, SEND_PAY_LINK, ORDER_PAID, RELEASE, END_RELEASED)
        .hasNotPassedElement(DEADLINE_PASSED)
        .hasCorrelatedMessageByCorrelationKey(caseId, 1)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void failedPaymentNotPaidByTheDeadlineCancelsTheOrderWithNothingToRefund() {
    final long key = reported("PAYMENT_FAILED", "199.00", null, false);
    decided();
    completeJob(JobTypes.REQUEST_ORDER_PAYMENT, Map.of("paymentRequestId", "PR-1"));

    zeebe.increaseTime(Duration.ofHours(23));
    process(key).as("waits until the payment deadline").isWaitingForMessages(Messages.ORDER_PAID);
    zeebe.increaseTime(Duration.ofHours(1).plusMinutes(1));
    completeJob(JobTypes.CANCEL_ORDER, Map.of("refundDue", false));
    cancelledNotified();

    process(key)
        .hasPassedElementsInOrder(SEND_PAY_LINK, DEADLINE_PASSED, CANCEL, CLOSE_CANCELLED, END_CANCELLED)
        .hasNotPassedElement(ORDER_PAID)
        .hasNotPassedElement(REFUND)
        .hasNotPassedElement(RELEASE)
        .hasNotPassedElement(EXCEPTION_OVERDUE)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void blacklistedCustomerCancelledByTheRiskReviewIsRefundedAndItsInstalmentPlanReversed() {
    final long key = reported("BLACKLISTED_CUSTOMER", "600.00", null, true);
    assertThat(decided()).containsEntry("handling", "RISK_REVIEW");
    completeJob(JobTypes.CHECK_CUSTOMER_RISK, Map.of("blacklisted", true, "riskReason", "chargeback fraud"));

    assertThat(zeebe.requireOpenUserTask(key, REVIEW).getCandidateGroupsList()).containsExactly("risk-team");
    reviewed(key, Map.of("exceptionDecision", "CANCEL", "reviewNotes", "fraud pattern confirmed"));
    completeJob(JobTypes.CANCEL_ORDER, Map.of("refundDue", true, "refundAmount", "1299.00", "paymentMethod", "ALIPAY"));
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-1"));
    completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN);
    cancelledNotified();

    process(key)
        .hasPassedElementsInOrder(DECIDE, CHECK_RISK, REVIEW, RECORD_REVIEW, CANCEL, REFUND, REVERSE_INSTALMENTS,
            CLOSE_CANCELLED, END_CANCELLED)
        .hasNotPassedElement(RELEASE)
        .hasVariableWithValue("riskReason", "chargeback fraud")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void tooManyParcelsAreApprovedByTheWarehouseTeamAndFewParcelsShipAtOnce() {
    final long many = reported("TOO_MANY_PARCELS", "500.00", 4, false);
    assertThat(decided()).containsEntry("handling", "AGENT_REVIEW").containsEntry("reviewKind", "PARCEL_SPLIT");
    assertThat(zeebe.requireOpenUserTask(many, REVIEW).getCandidateGroupsList()).containsExactly("warehouse-team");
    reviewed(many, Map.of("exceptionDecision", "RELEASE", "parcelPlan", "MERGE"));
    released();
    process(many).hasPassedElementsInOrder(REVIEW, RECORD_REVIEW, RELEASE, END_RELEASED).isCompleted();

    caseId = caseId + "-few";
    final long few = reported("TOO_MANY_PARCELS", "500.00", 3, false);
    assertThat(decided()).containsEntry("handling", "RELEASE");
    released();
    process(few).hasPassedElementsInOrder(DECIDE, RELEASE, END_RELEASED).hasNotPassedElement(REVIEW).isCompleted();
  }

  @Test
  void carrierOutOfAreaIsSwitchedByRuleAndReleased() {
    final long key = reported("CARRIER_OUT_OF_AREA", "2500.00", null, false);
    assertThat(decided()).containsEntry("handling", "SWITCH_CARRIER");
    final ActivatedJob job = completeJob(JobTypes.SWITCH_CARRIER,
        Map.of("carrierFound", true, "chosenCarrier", "SF-PREMIUM"));
    assertThat(((Number) job.getVariablesAsMap().get("premiumCarrierFrom")).intValue())
        .as("the premium limit comes from the decision").isEqualTo(2000);
    released();

    process(key)
        .hasPassedElementsInOrder(DECIDE, SWITCH_CARRIER, RELEASE, END_RELEASED)
        .hasNotPassedElement(REVIEW)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void noCarrierServingTheAreaIsChosenByTheWarehouseTeam() {
    final long key = reported("CARRIER_OUT_OF_AREA", "300.00", null, false);
    decided();
    completeJob(JobTypes.SWITCH_CARRIER, Map.of("carrierFound", false));
    reviewed(key, Map.of("exceptionDecision", "RELEASE", "carrier", "EMS"));
    released();

    process(key)
        .hasPassedElementsInOrder(SWITCH_CARRIER, REVIEW, RECORD_REVIEW, RELEASE, END_RELEASED)
        .hasVariableWithValue("reviewKind", "CARRIER_CHOICE")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void exceptionNotResolvedWithinItsSlaIsEscalatedAndItsReviewTaskToo() {
    final long key = reported("BLACKLISTED_CUSTOMER", "99.00", null, false);
    decided();
    completeJob(JobTypes.CHECK_CUSTOMER_RISK, Map.of("blacklisted", true, "riskReason", "address fraud"));
    final long taskKey = zeebe.requireOpenUserTask(key, REVIEW).getUserTaskKey();

    zeebe.increaseTime(Duration.ofHours(4).plusMinutes(1));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_EXCEPTION).getElementId()).isEqualTo(ESCALATE_EXCEPTION);
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "exception-review");

    process(key).hasPassedElement(EXCEPTION_OVERDUE).hasPassedElement(ESCALATE_EXCEPTION)
        .hasPassedElement(ESCALATE_REVIEW).isWaitingAtElements(REVIEW);
    assertThat(zeebe.requireOpenUserTask(key, REVIEW).getUserTaskKey()).as("the agent's task is kept")
        .isEqualTo(taskKey);
    reviewed(key, Map.of("exceptionDecision", "RELEASE"));
    released();
    process(key).hasPassedElementsInOrder(REVIEW, RELEASE, END_RELEASED, RESOLVED).hasNoIncidents().isCompleted();
  }

  @Test
  void declinedRefundOfACancelledOrderIsArrangedManually() {
    final long key = reported("BLACKLISTED_CUSTOMER", "99.00", null, false);
    decided();
    completeJob(JobTypes.CHECK_CUSTOMER_RISK, Map.of("blacklisted", true, "riskReason", "address fraud"));
    reviewed(key, Map.of("exceptionDecision", "CANCEL"));
    completeJob(JobTypes.CANCEL_ORDER, Map.of("refundDue", true, "refundAmount", "1299.00", "paymentMethod", "ALIPAY"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");

    assertThat(zeebe.requireOpenUserTask(key, MANUAL_REFUND).getCandidateGroupsList()).containsExactly("finance-team");
    zeebe.completeUserTask(key, MANUAL_REFUND, Map.of("manualRefundReference", "BANK-TRANSFER-9"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    cancelledNotified();

    process(key)
        .hasPassedElementsInOrder(CANCEL, REFUND_DECLINED, MANUAL_REFUND, CLOSE_CANCELLED, END_CANCELLED)
        .hasNotPassedElement(REVERSE_INSTALMENTS)
        .hasNoIncidents()
        .isCompleted();
  }

  // ------------------------------------------------------------------ the mocked workers

  /** The facts the start listener gathers from the case (DecisionContext); here the test hands them over. */
  private final Map<String, Object> facts = new HashMap<>();

  private long reported(final String type, final String orderAmount, final Integer parcels,
      final boolean paidByInstallments) {
    facts.clear();
    facts.put("exceptionType", type);
    facts.put("orderAmount", new BigDecimal(orderAmount));
    facts.put("parcels", parcels);
    facts.put("channel", "TMALL");
    facts.put("customerTier", "NORMAL");
    final Map<String, Object> caseFacts = Map.of("orderId", "order-77", "channel", "TMALL",
        "description", "Order order-77 cannot be released");
    final long key = bound(zeebe.client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.ORDER_EXCEPTION)
        .latestVersion()
        .variables(Map.of("caseId", caseId, "orderId", "order-77", "exceptionType", type, "channel", "TMALL",
            "paidByInstallments", paidByInstallments, "caseFacts", caseFacts))
        .send().join().getProcessInstanceKey());
    assertThat(completeJob(JobTypes.HOLD_ORDER).getElementId()).isEqualTo(HOLD);
    return key;
  }

  /**
   * "Decide exception handling": the engine evaluates exception-handling on the facts the start listener
   * gathers (played here); the end listener hands on the outputs, as RecordExceptionHandlingWorker does.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> decided() {
    completeJob(JobTypes.GATHER_DECISION_FACTS, Map.of("facts", facts));
    final ActivatedJob record = zeebe.activateJob(JobTypes.RECORD_EXCEPTION_HANDLING);
    final Map<String, Object> decision = (Map<String, Object>) record.getVariablesAsMap().get("handlingDecision");
    assertThat(decision).as("the engine's result of exception-handling").isNotNull();
    zeebe.client().newCompleteCommand(record.getKey()).variables(decision).send().join();
    zeebe.waitForIdle();
    return decision;
  }

  private void reviewed(final long key, final Map<String, ?> formData) {
    zeebe.completeUserTask(key, REVIEW, formData);
    assertThat(completeJob(JobTypes.RECORD_EXCEPTION_REVIEW).getCustomHeaders())
        .containsEntry(Headers.TASK, "exception-review");
  }

  private void released() {
    completeJob(JobTypes.RELEASE_ORDER);
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders()).containsEntry(Headers.TEMPLATE, "ORDER_RELEASED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "RELEASED");
  }

  private void cancelledNotified() {
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "ORDER_CANCELLED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "CANCELLED");
  }
}
