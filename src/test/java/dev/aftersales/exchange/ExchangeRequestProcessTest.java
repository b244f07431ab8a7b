package dev.aftersales.exchange;

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
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per path of {@code exchange-request} (docs/exchange-and-mis-sent-process.md): the workers
 * are mocked by completing their jobs with the variables the contract names, including the jobs of
 * the called {@code return-goods}; the agent by completing the customer-contact task.
 */
class ExchangeRequestProcessTest extends ProcessPathTest {

  private static final String START = "StartEvent_ExchangeRequested";
  private static final String RECEIVE_GOODS = "CallActivity_ReceiveReturnedGoods";
  private static final String GOODS_REJECTED = "BoundaryEvent_GoodsRejected";
  private static final String GOODS_NOT_RECEIVED = "BoundaryEvent_GoodsNotReceived";
  private static final String END_REJECTED = "EndEvent_ExchangeRejected";
  private static final String END_EXPIRED = "EndEvent_ExchangeRequestExpired";
  private static final String CHECK_STOCK = "ServiceTask_CheckReplacementStock";
  private static final String CONTACT = "UserTask_ContactCustomerAboutReplacement";
  private static final String ESCALATE_CONTACT = "ServiceTask_EscalateOverdueContact";
  private static final String RECORD_ANSWER = "ServiceTask_RecordCustomerAnswer";
  private static final String ARRIVAL_DATE_PASSED = "IntermediateCatchEvent_ArrivalDatePassed";
  private static final String SETTLE = "ServiceTask_SettleExchangePrice";
  private static final String CALCULATE_DIFFERENCE = "ServiceTask_CalculateDifferenceRefund";
  private static final String REFUND_DIFFERENCE = "ServiceTask_RefundDifference";
  private static final String REQUEST_PAYMENT = "ServiceTask_RequestDifferencePayment";
  private static final String AWAIT_PAYMENT = "Gateway_DifferencePaidInTime";
  private static final String DIFFERENCE_PAID = "IntermediateCatchEvent_DifferencePaid";
  private static final String DIFFERENCE_NOT_PAID = "IntermediateCatchEvent_DifferenceNotPaid";
  private static final String NOTIFY_CONVERTED = "ServiceTask_NotifyCustomerExchangeBecameReturn";
  private static final String CREATE_ORDER = "ServiceTask_CreateReplacementOrder";
  private static final String SHIP = "ServiceTask_ShipFromAftersalesWarehouse";
  private static final String NOTIFY_SHIPPED = "ServiceTask_NotifyCustomerOfShipment";
  private static final String CLOSE_EXCHANGED = "ServiceTask_CloseExchangedCase";
  private static final String END_SHIPPED = "EndEvent_ExchangeShipped";
  private static final String CALCULATE_REFUND = "ServiceTask_CalculateRefund";
  private static final String MANUAL_DIFFERENCE_REFUND = "UserTask_ArrangeManualDifferenceRefund";
  private static final String MANUAL_REFUND = "UserTask_ArrangeManualRefund";
  private static final String REFUND = "ServiceTask_RefundPayment";
  private static final String REVERSE_INSTALMENTS = "ServiceTask_ReverseInstalmentPlan";
  private static final String REVERSE_DIFFERENCE_INSTALMENTS = "ServiceTask_ReverseDifferenceInstalments";
  private static final String CLAIM_FREIGHT = "ServiceTask_ClaimFreightInsurance";
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String CLOSE_REFUNDED = "ServiceTask_CloseRefundedCase";
  private static final String END_REFUNDED = "EndEvent_ExchangeRefunded";

  @Test
  void samePriceVariantShipsTheReplacement() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(true);
    priceSettled("NONE", 0);
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(
            START, RECEIVE_GOODS, CHECK_STOCK, SETTLE, CREATE_ORDER, SHIP, NOTIFY_SHIPPED, CLOSE_EXCHANGED, END_SHIPPED)
        .hasNotPassedElement(CALCULATE_DIFFERENCE)
        .hasNotPassedElement(REQUEST_PAYMENT)
        .hasNotPassedElement(CONTACT)
        .hasVariableWithValue("replacementOrderId", "RO-1")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void cheaperVariantRefundsTheDifferenceAndShips() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(true);
    priceSettled("REFUND", -20.00);
    assertThat(completeJob(JobTypes.CALCULATE_REFUND).getCustomHeaders())
        .containsEntry(Headers.PURPOSE, "EXCHANGE_DIFFERENCE");
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-1"));
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(SETTLE, CALCULATE_DIFFERENCE, REFUND_DIFFERENCE, CREATE_ORDER, SHIP, END_SHIPPED)
        .hasNotPassedElement(REFUND)
        .hasNotPassedElement(REVERSE_DIFFERENCE_INSTALMENTS)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void dearerVariantShipsOnceTheCustomerPaidTheDifference() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(true);
    priceSettled("CHARGE", 30.00);
    completeJob(JobTypes.REQUEST_DIFFERENCE_PAYMENT,
        Map.of("paymentRequestId", "PR-1", "payUrl", "https://pay.example/PR-1"));
    process(key).isWaitingAtElements(AWAIT_PAYMENT).isWaitingForMessages(Messages.DIFFERENCE_PAID);

    zeebe.increaseTime(Duration.ofHours(47));
    zeebe.client().newPublishMessageCommand().messageName(Messages.DIFFERENCE_PAID).correlationKey(caseId)
        .messageId(caseId + ":difference-paid").send().join();
    zeebe.waitForIdle();
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(SETTLE, REQUEST_PAYMENT, DIFFERENCE_PAID, CREATE_ORDER, SHIP, END_SHIPPED)
        .hasNotPassedElement(DIFFERENCE_NOT_PAID)
        .hasCorrelatedMessageByCorrelationKey(caseId, 1)
        .isCompleted();
  }

  @Test
  void dearerVariantNotPaidWithin48HoursCancelsThePaymentRequestAndBecomesARefundedReturn() {
    final long key = startExchange(true);
    goodsReceived();
    stockChecked(true);
    priceSettled("CHARGE", 30.00);
    completeJob(JobTypes.REQUEST_DIFFERENCE_PAYMENT,
        Map.of("paymentRequestId", "PR-1", "payUrl", "https://pay.example/PR-1"));

    zeebe.increaseTime(Duration.ofHours(48));
    completeJob(JobTypes.CANCEL_PAYMENT_REQUEST);
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "EXCHANGE_CONVERTED_TO_RETURN");
    refundedAsReturn(true);

    process(key)
        .hasPassedElementsInOrder(
            REQUEST_PAYMENT, DIFFERENCE_NOT_PAID, "ServiceTask_CancelPaymentRequest", NOTIFY_CONVERTED, CALCULATE_REFUND, REFUND, REVERSE_INSTALMENTS,
            CLOSE_REFUNDED, END_REFUNDED)
        .hasNotPassedElement(DIFFERENCE_PAID)
        .hasNotPassedElement(CREATE_ORDER)
        .isNotWaitingForMessages(Messages.DIFFERENCE_PAID)
        .isCompleted();
  }

  @Test
  void outOfStockCustomerChoosesAnotherVariant() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(false);

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, CONTACT);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form customer-contact").isPositive();
    zeebe.completeUserTask(key, CONTACT,
        Map.of("customerAnswer", "OTHER_VARIANT", "newExchangeSku", "DRESS-L-BLUE", "contactNotes", "prefers blue"));
    recordAnswer();
    stockChecked(true);
    priceSettled("NONE", 0);
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(CHECK_STOCK, CONTACT, RECORD_ANSWER, CHECK_STOCK, SETTLE, END_SHIPPED)
        .hasPassedElement(CHECK_STOCK, 2)
        .hasVariableWithValue("newExchangeSku", "DRESS-L-BLUE")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void outOfStockCustomerWaitsUntilTheArrivalDatePassesThenTheStockIsCheckedAgain() {
    final long key = startExchange(false);
    goodsReceived();
    final LocalDate arrival = LocalDate.now(SHANGHAI).plusDays(3);
    stockChecked(false, arrival);
    zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "WAIT"));
    recordAnswer();

    zeebe.increaseTime(Duration.ofDays(3));
    process(key).as("waits until the promised arrival date has passed").isWaitingAtElements(ARRIVAL_DATE_PASSED);
    zeebe.increaseTime(Duration.ofDays(2));
    stockChecked(true, null);
    priceSettled("NONE", 0);
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(CHECK_STOCK, CONTACT, RECORD_ANSWER, ARRIVAL_DATE_PASSED, CHECK_STOCK, END_SHIPPED)
        .hasVariableWithValue("replacementWaits", 1)
        .isCompleted();
  }

  @Test
  void stillOutOfStockAfterTheArrivalDateTheCustomerIsContactedAgainAndAfterTwoWaitsNoLongerOfferedToWait() {
    final long key = startExchange(false);
    goodsReceived();
    for (int wait = 1; wait <= 2; wait++) {
      stockChecked(false, LocalDate.now(SHANGHAI).plusDays(2));
      assertThat(contactOptions(key)).as("contact %d", wait).containsExactly("OTHER_VARIANT", "REFUND", "WAIT");
      zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "WAIT"));
      recordAnswer();
      zeebe.increaseTime(Duration.ofDays(4));
    }
    stockChecked(false, LocalDate.now(SHANGHAI).plusDays(9));

    assertThat(contactOptions(key)).as("after two waits an agent offers another variant or a refund")
        .containsExactly("OTHER_VARIANT", "REFUND");
    zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "REFUND"));
    recordAnswer();
    refundedAsReturn(false);
    process(key)
        .hasPassedElement(CONTACT, 3)
        .hasPassedElement(ARRIVAL_DATE_PASSED, 2)
        .hasVariableWithValue("replacementWaits", 2)
        .isCompleted();
  }

  @Test
  void withoutAnArrivalDateTheCustomerIsNotOfferedToWait() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(false, null);

    assertThat(contactOptions(key)).containsExactly("OTHER_VARIANT", "REFUND");
  }

  @Test
  void insuredExchangeThatBecomesARefundClaimsTheFreightInsuranceBeforeTheRefund() {
    final long key = startExchange(false, true);
    goodsReceived();
    stockChecked(false);
    zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "REFUND"));
    recordAnswer();
    completeJob(JobTypes.CLAIM_FREIGHT_INSURANCE);
    refundedAsReturn(false);

    process(key)
        .hasPassedElementsInOrder(RECORD_ANSWER, CLAIM_FREIGHT, CALCULATE_REFUND, REFUND, END_REFUNDED)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void cheaperVariantOnAnInstalmentOrderReversesThePlanByTheRefundedDifference() {
    final long key = startExchange(true);
    goodsReceived();
    stockChecked(true);
    priceSettled("REFUND", -20.00);
    completeJob(JobTypes.CALCULATE_REFUND);
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-1"));
    completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN);
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(CALCULATE_DIFFERENCE, REFUND_DIFFERENCE, REVERSE_DIFFERENCE_INSTALMENTS, CREATE_ORDER,
            END_SHIPPED)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void outOfStockCustomerTakesARefundInstead() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(false);
    zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "REFUND"));
    recordAnswer();
    refundedAsReturn(false);

    process(key)
        .hasPassedElementsInOrder(CONTACT, RECORD_ANSWER, CALCULATE_REFUND, REFUND, CLOSE_REFUNDED, END_REFUNDED)
        .hasNotPassedElement(SETTLE)
        .hasNotPassedElement(REVERSE_INSTALMENTS)
        .hasNotPassedElement(CLAIM_FREIGHT)
        .isCompleted();
  }

  @Test
  void overdueCustomerContactIsEscalatedAndTheTaskKeepsItsWork() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(false);
    final long taskKey = zeebe.requireOpenUserTask(key, CONTACT).getUserTaskKey();

    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "customer-contact");

    process(key).hasPassedElement(ESCALATE_CONTACT).isWaitingAtElements(CONTACT);
    assertThat(zeebe.requireOpenUserTask(key, CONTACT).getUserTaskKey()).isEqualTo(taskKey);
  }

  @Test
  void goodsRejectedInsideReturnGoodsEndsTheExchange() {
    final long key = startExchange(false);
    decided(JobTypes.RECORD_REASON_CLASSIFICATION, RecordReasonClassificationWorker.RESULT,
        SampleFacts.statedReason("NO_REASON"), Map.of("reason", "NO_REASON", "queue", "warehouse-team"));
    decide("AUTO_REJECT");
    completeJob(JobTypes.ISSUE_COMPENSATION_COUPON);
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REJECTED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REJECTED");

    assertThat(new InspectedProcessInstance(zeebe.calledProcessInstanceKey(key, ProcessIds.RETURN_GOODS)))
        .hasPassedElement("ServiceTask_CloseRejectedCase")
        .isTerminated();
    process(key)
        .hasPassedElementsInOrder(START, GOODS_REJECTED, END_REJECTED)
        .hasNotPassedElement(CHECK_STOCK)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void parcelNeverSentEndsTheExchangeRequest() {
    final long key = startExchange(false);
    decided(JobTypes.RECORD_REASON_CLASSIFICATION, RecordReasonClassificationWorker.RESULT,
        SampleFacts.statedReason("NO_REASON"), Map.of("reason", "NO_REASON", "queue", "warehouse-team"));
    decide("AUTO_APPROVE");
    sendLabel();
    zeebe.increaseTime(Duration.ofDays(7));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_EXPIRED");
    completeJob(JobTypes.CLOSE_CASE);

    process(key)
        .hasPassedElementsInOrder(START, GOODS_NOT_RECEIVED, END_EXPIRED)
        .hasNotPassedElement(CHECK_STOCK)
        .isCompleted();
  }

  @Test
  void declinedDifferenceRefundIsArrangedManuallyAndTheReplacementShips() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(true);
    priceSettled("REFUND", -20.00);
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "20.00", "paymentMethod", "WECHAT"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");

    assertThat(zeebe.requireOpenUserTask(key, MANUAL_DIFFERENCE_REFUND).getCandidateGroupsList())
        .containsExactly("finance-team");
    zeebe.completeUserTask(key, MANUAL_DIFFERENCE_REFUND, Map.of("manualRefundReference", "BT-20261205-0007"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    replacementShipped();

    process(key)
        .hasPassedElementsInOrder(CALCULATE_DIFFERENCE, MANUAL_DIFFERENCE_REFUND, CREATE_ORDER, SHIP, END_SHIPPED)
        .isCompleted();
  }

  @Test
  void declinedRefundOfAnExchangeTurnedReturnIsArrangedManually() {
    final long key = startExchange(false);
    goodsReceived();
    stockChecked(false);
    zeebe.completeUserTask(key, CONTACT, Map.of("customerAnswer", "REFUND"));
    recordAnswer();
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "199.00", "paymentMethod", "ALIPAY"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "account closed");

    zeebe.completeUserTask(key, MANUAL_REFUND, Map.of("manualRefundReference", "BT-20261205-0008"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REFUNDED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REFUNDED");

    process(key).hasPassedElementsInOrder(CONTACT, CALCULATE_REFUND, MANUAL_REFUND, END_REFUNDED).isCompleted();
  }

  // ------------------------------------------------------------------ the mocked workers

  private long startExchange(final boolean paidByInstallments) {
    return startExchange(paidByInstallments, false);
  }

  private long startExchange(final boolean paidByInstallments, final boolean freightInsured) {
    return bound(zeebe.client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.EXCHANGE_REQUEST).latestVersion()
        .variables(Map.of("caseId", caseId, "orderId", "order-4711", "freightInsured", freightInsured,
            "paidByInstallments", paidByInstallments))
        .send().join().getProcessInstanceKey());
  }

  /** The plain path through the called return-goods: approved, labelled, received, inspected, restocked. */
  private void goodsReceived() {
    decided(JobTypes.RECORD_REASON_CLASSIFICATION, RecordReasonClassificationWorker.RESULT,
        SampleFacts.statedReason("NO_REASON"), Map.of("reason", "NO_REASON", "queue", "warehouse-team"));
    decide("AUTO_APPROVE");
    sendLabel();
    zeebe.client().newPublishMessageCommand().messageName(Messages.PARCEL_RECEIVED).correlationKey(caseId)
        .send().join();
    zeebe.waitForIdle();
    completeJob(JobTypes.INSPECT_RETURNED_ITEMS, Map.of("barcodesMatch", true, "conditionAsDeclared", true,
        "inspectionFindings", List.of(Map.of("sku", "DRESS-M-RED", "expectedBarcode", "690001",
            "scannedBarcode", "690001", "grade", "NEW"))));
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS);
  }

  private void decide(final String eligibility) {
    final Map<String, Object> caseFacts = new HashMap<>();
    caseFacts.put("channel", "TMALL");
    caseFacts.put("orderId", "order-4711");
    caseFacts.put("reason", "NO_REASON");
    decided(JobTypes.RECORD_RETURN_ELIGIBILITY, RecordReturnEligibilityWorker.RESULT,
        SampleFacts.returnDecidedAs(eligibility), Map.of("caseFacts", caseFacts));
  }

  private void sendLabel() {
    completeJob(JobTypes.CREATE_RETURN_LABEL, Map.of("trackingNumber", "SF1234567890"));
    // The label goes to the customer first: a warehouse outage never holds it back.
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_LABEL");
    completeJob(JobTypes.ANNOUNCE_RETURN_TO_WAREHOUSE);
  }

  private void stockChecked(final boolean inStock) {
    stockChecked(inStock, inStock ? null : LocalDate.now(SHANGHAI).plusDays(2));
  }

  private void stockChecked(final boolean inStock, final LocalDate nextArrival) {
    final Map<String, Object> result = new HashMap<>();
    result.put("replacementInStock", inStock);
    result.put("nextArrivalDate", nextArrival == null ? null : nextArrival.toString());
    result.put("shortVariants", inStock ? List.of()
        : List.of(Map.of("sku", "DRESS-L-RED", "wanted", 1, "available", 0)));
    result.put("daysUntilArrival", nextArrival == null ? null
        : ChronoUnit.DAYS.between(LocalDate.now(SHANGHAI), nextArrival));
    completeJob(JobTypes.CHECK_REPLACEMENT_STOCK, result);
    if (!inStock) {
      replacementOptionsDecided();
    }
  }

  /**
   * "Decide replacement options": the facts listener hands the decision the facts the real worker gathers from
   * what the process knows (daysUntilArrival from the stock check, the waits counted so far); the engine
   * evaluates replacement-options; the recording listener is played.
   */
  private void replacementOptionsDecided() {
    final ActivatedJob gather = zeebe.activateJob(JobTypes.GATHER_DECISION_FACTS);
    assertThat(gather.getElementId()).isEqualTo("BusinessRuleTask_DecideReplacementOptions");
    final Map<String, Object> known = gather.getVariablesAsMap();
    final Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", "EXCHANGE");
    facts.put("daysUntilArrival", known.get("daysUntilArrival"));
    facts.put("timesWaited", known.get("replacementWaits"));
    zeebe.client().newCompleteCommand(gather.getKey()).variables(Map.of("facts", facts)).send().join();
    zeebe.waitForIdle();
    completeJob(JobTypes.RECORD_REPLACEMENT_OPTIONS);
  }

  /** The options the open contact task offers (its input mapping contactOptions, a task-local variable). */
  private List<String> contactOptions(final long key) {
    final long taskInstance = zeebe.requireOpenUserTask(key, CONTACT).getElementInstanceKey();
    String json = null;
    for (final var variable : zeebe.records().variableRecords()) {
      if (variable.getValue().getScopeKey() == taskInstance && variable.getValue().getName().equals("contactOptions")) {
        json = variable.getValue().getValue();
      }
    }
    assertThat(json).as("contactOptions of the open task").isNotNull();
    return java.util.Arrays.stream(json.replaceAll("[\\[\\]\"]", "").split(",")).toList();
  }

  private void priceSettled(final String direction, final double difference) {
    completeJob(JobTypes.SETTLE_EXCHANGE_PRICE,
        Map.of("differenceDirection", direction, "priceDifference", difference));
  }

  private void recordAnswer() {
    assertThat(completeJob(JobTypes.RECORD_CUSTOMER_ANSWER).getCustomHeaders())
        .containsEntry(Headers.TASK, "customer-contact");
  }

  private void replacementShipped() {
    assertThat(completeJob(JobTypes.CREATE_REPLACEMENT_ORDER, Map.of("replacementOrderId", "RO-1"))
        .getCustomHeaders()).containsEntry(Headers.ORDER_TYPE, "REPLACEMENT");
    completeJob(JobTypes.SHIP_FROM_AFTERSALES_WAREHOUSE, Map.of("outboundOrderId", "OUT-1"));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "EXCHANGE_SHIPPED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "EXCHANGED");
  }

  /** The exchange became a return: the whole goods are refunded (no purpose header), as in returns. */
  private void refundedAsReturn(final boolean paidByInstallments) {
    assertThat(completeJob(JobTypes.CALCULATE_REFUND).getCustomHeaders()).doesNotContainKey(Headers.PURPOSE);
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-2"));
    if (paidByInstallments) {
      completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN);
    }
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REFUNDED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REFUNDED");
  }
}
