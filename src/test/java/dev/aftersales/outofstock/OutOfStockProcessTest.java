package dev.aftersales.outofstock;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.EngineUserTasks;
import dev.aftersales.testsupport.ProcessPathTest;
import dev.aftersales.workers.decision.RecordShortageHandlingWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per path of {@code out-of-stock} (docs/out-of-stock-process.md): the workers are mocked by
 * completing their jobs with the variables the contract names; the decision worker evaluates
 * {@code shortage-handling} through the engine as the real one does, so the paths run on the real
 * rules. The agent is mocked by completing the customer-contact task; timers run on the engine clock.
 */
class OutOfStockProcessTest extends ProcessPathTest {

  private static final String START = "StartEvent_OrderLineOutOfStock";
  private static final String ASK_ARRIVAL = "ServiceTask_AskWarehouseForNextArrival";
  private static final String DECIDE = "BusinessRuleTask_DecideShortageHandling";
  private static final String NOTIFY_DELAY = "ServiceTask_NotifyCustomerOfDelay";
  private static final String BACKORDER = "ServiceTask_PutOrderOnBackorder";
  private static final String AWAIT_STOCK = "Gateway_StockArrivedInTime";
  private static final String STOCK_ARRIVED = "IntermediateCatchEvent_StockArrived";
  private static final String ARRIVAL_DATE_PASSED = "IntermediateCatchEvent_ArrivalDatePassed";
  private static final String ASK_NEW_ARRIVAL = "ServiceTask_AskWarehouseForNewArrivalDate";
  private static final String SHIP = "ServiceTask_ShipBackorderedLine";
  private static final String NOTIFY_SHIPPED = "ServiceTask_NotifyCustomerOfShipment";
  private static final String CLOSE_SHIPPED = "ServiceTask_CloseShippedCase";
  private static final String END_SHIPPED = "EndEvent_OrderLineShipped";
  private static final String CONTACT = "UserTask_ContactCustomerAboutShortage";
  private static final String STOCK_ARRIVED_DURING_CONTACT = "BoundaryEvent_StockArrivedDuringContact";
  private static final String NO_ANSWER = "BoundaryEvent_NoAnswerWithin48Hours";
  private static final String ESCALATE_CONTACT = "ServiceTask_EscalateOverdueContact";
  private static final String RECORD_ANSWER = "ServiceTask_RecordCustomerAnswer";
  private static final String CREATE_SUBSTITUTE = "ServiceTask_CreateSubstituteOrder";
  private static final String PRICE_DIFFERS = "BoundaryEvent_SubstitutePriceDiffers";
  private static final String CANCEL_ORIGINAL = "ServiceTask_CancelOriginalOrderLine";
  private static final String NOTIFY_SUBSTITUTED = "ServiceTask_NotifyCustomerOfSubstitute";
  private static final String CLOSE_SUBSTITUTED = "ServiceTask_CloseSubstitutedCase";
  private static final String END_SUBSTITUTED = "EndEvent_OrderLineSubstituted";
  private static final String CANCEL = "ServiceTask_CancelOrderLine";
  private static final String CALCULATE_REFUND = "ServiceTask_CalculateRefund";
  private static final String REFUND = "ServiceTask_RefundPayment";
  private static final String REFUND_DECLINED = "BoundaryEvent_RefundDeclined";
  private static final String MANUAL_REFUND = "UserTask_ArrangeManualRefund";
  private static final String RECORD_MANUAL_REFUND = "ServiceTask_RecordManualRefund";
  private static final String REVERSE_INSTALMENTS = "ServiceTask_ReverseInstalmentPlan";
  private static final String NOTIFY_CANCELLED = "ServiceTask_NotifyCustomerOfCancellation";
  private static final String CLOSE_CANCELLED = "ServiceTask_CloseCancelledCase";
  private static final String END_CANCELLED = "EndEvent_OrderLineCancelled";

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void inStockShipsAtOnce() {
    final long key = startShortage(false, false);
    arrivalChecked(true, null);
    assertThat(decideShortageHandling()).containsEntry("shortageHandling", "SHIP_NOW");
    shipped();

    process(key)
        .hasPassedElementsInOrder(START, ASK_ARRIVAL, DECIDE, SHIP, NOTIFY_SHIPPED, CLOSE_SHIPPED, END_SHIPPED)
        .hasNotPassedElement(NOTIFY_DELAY)
        .hasNotPassedElement(BACKORDER)
        .hasNotPassedElement(CONTACT)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void arrivalWithinThePromisedWindowWaitsAndShipsWhenStockArrives() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 3);
    assertThat(decideShortageHandling()).containsEntry("shortageHandling", "WAIT_FOR_STOCK");
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "ORDER_DELAYED");
    completeJob(JobTypes.QUEUE_BACKORDER);
    process(key).isWaitingAtElements(AWAIT_STOCK).isWaitingForMessages(Messages.STOCK_ARRIVED);

    zeebe.increaseTime(Duration.ofDays(2));
    stockArrived();
    shipped();

    process(key)
        .hasPassedElementsInOrder(DECIDE, NOTIFY_DELAY, BACKORDER, STOCK_ARRIVED, SHIP, CLOSE_SHIPPED, END_SHIPPED)
        .hasNotPassedElement(ARRIVAL_DATE_PASSED)
        .hasNotPassedElement(CONTACT)
        .hasCorrelatedMessageByCorrelationKey(caseId, 1)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void missedArrivalDateAsksAgainAndTheCustomerWaitsUntilStockArrives() {
    final long key = arrivalDatePassedAndCustomerContactedAgain(10);
    answered(key, Map.of("customerAnswer", "WAIT", "contactNotes", "happy to wait ten days"));
    completeJob(JobTypes.QUEUE_BACKORDER);
    stockArrived();
    shipped();

    process(key)
        .hasPassedElementsInOrder(BACKORDER, ARRIVAL_DATE_PASSED, ASK_NEW_ARRIVAL, CONTACT, RECORD_ANSWER, BACKORDER,
            STOCK_ARRIVED, SHIP, END_SHIPPED)
        .hasPassedElement(BACKORDER, 2)
        .hasPassedElement(NOTIFY_DELAY, 1)
        .hasPassedElement(DECIDE, 1)
        .hasVariableWithValue("contactTopic", "ORDER_OUT_OF_STOCK")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void customerCancelsAndTheLineIsRefundedAndItsInstalmentPlanReversed() {
    final long key = startShortage(false, true);
    arrivalChecked(false, 20);
    assertThat(decideShortageHandling())
        .containsEntry("shortageHandling", "CONTACT_CUSTOMER")
        .containsEntry("contactOptions", List.of("CANCEL", "WAIT", "SUBSTITUTE"));

    final UserTaskRecordValue task = zeebe.requireOpenUserTask(key, CONTACT);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(task.getPriority()).isEqualTo(60);
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form customer-contact").isPositive();
    answered(key, Map.of("customerAnswer", "CANCEL", "contactNotes", "ordered elsewhere"));
    cancelledAndRefunded(true);

    process(key)
        .hasPassedElementsInOrder(DECIDE, CONTACT, RECORD_ANSWER, CANCEL, CALCULATE_REFUND, REFUND,
            REVERSE_INSTALMENTS, NOTIFY_CANCELLED, CLOSE_CANCELLED, END_CANCELLED)
        .hasNotPassedElement(NO_ANSWER)
        .hasNotPassedElement(MANUAL_REFUND)
        .hasVariableWithValue("contactTopic", "ORDER_OUT_OF_STOCK")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void noAnswerWithin48HoursCancelsAndRefundsTheLine() {
    final long key = startShortage(false, false);
    arrivalChecked(false, null);
    assertThat(decideShortageHandling()).containsEntry("shortageHandling", "CONTACT_CUSTOMER");

    zeebe.increaseTime(Duration.ofHours(24));
    completeJob(JobTypes.ESCALATE_OVERDUE_TASK);
    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(zeebe.openUserTask(key, CONTACT)).as("the contact task is withdrawn").isEmpty();
    // The second escalation level (one SLA after the due date) falls on the same hour: it may have fired first.
    zeebe.client().newActivateJobsCommand().jobType(JobTypes.ESCALATE_OVERDUE_TASK).maxJobsToActivate(1).send().join()
        .getJobs().forEach(job -> zeebe.client().newCompleteCommand(job.getKey()).send().join());
    cancelledAndRefunded(false);

    process(key)
        .hasPassedElementsInOrder(START, NO_ANSWER, CANCEL, CALCULATE_REFUND, REFUND, NOTIFY_CANCELLED,
            CLOSE_CANCELLED, END_CANCELLED)
        .hasNotPassedElement(RECORD_ANSWER)
        .hasNotPassedElement(REVERSE_INSTALMENTS)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void overdueContactIsEscalatedAndTheTaskKeepsItsWork() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 5);
    decideShortageHandling();
    final long taskKey = zeebe.requireOpenUserTask(key, CONTACT).getUserTaskKey();

    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "customer-contact");

    process(key).hasPassedElement(ESCALATE_CONTACT).hasNotPassedElement(NO_ANSWER).isWaitingAtElements(CONTACT);
    assertThat(zeebe.requireOpenUserTask(key, CONTACT).getUserTaskKey()).isEqualTo(taskKey);
  }

  @Test
  void customerTakesASubstituteAndTheOriginalLineIsCancelled() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 14);
    decideShortageHandling();
    answered(key, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "MUG-350-BLUE"));
    substituted(true);

    process(key)
        .hasPassedElementsInOrder(CONTACT, RECORD_ANSWER, CREATE_SUBSTITUTE, CANCEL_ORIGINAL, NOTIFY_SUBSTITUTED,
            CLOSE_SUBSTITUTED, END_SUBSTITUTED)
        .hasNotPassedElement(CANCEL)
        .hasNotPassedElement(CALCULATE_REFUND)
        .hasVariableWithValue("substituteSku", "MUG-350-BLUE")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void bundleComponentSubstituteKeepsTheBundleLine() {
    final long key = startShortage(true, false);
    arrivalChecked(false, null);
    assertThat(decideShortageHandling())
        .containsEntry("shortageHandling", "CONTACT_CUSTOMER")
        .containsEntry("contactOptions", List.of("SUBSTITUTE", "WAIT", "CANCEL"))
        .containsEntry("giftSku", "GIFT-APOLOGY-POUCH");
    answered(key, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "LID-GREEN"));
    substituted(false);

    process(key)
        .hasPassedElementsInOrder(CONTACT, RECORD_ANSWER, CREATE_SUBSTITUTE, NOTIFY_SUBSTITUTED, END_SUBSTITUTED)
        .hasNotPassedElement(CANCEL_ORIGINAL)
        .hasVariableWithValue("contactTopic", "BUNDLE_COMPONENT_MISSING")
        .hasVariableWithValue("giftSku", "GIFT-APOLOGY-POUCH")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void substituteAtAnotherPriceTakesTheAgentBackToTheCustomer() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 30);
    decideShortageHandling();
    answered(key, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "MUG-500-RED"));
    substituteRefusedForItsPrice();

    process(key)
        .hasPassedElement(PRICE_DIFFERS)
        .hasVariableWithValue("substituteProblem", "MUG-500-RED costs 59.00, the ordered item 49.00")
        .isWaitingAtElements(CONTACT);
    answered(key, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "MUG-350-RED"));
    process(key).hasVariableWithValue("substituteProblem", null); // answered: a later contact does not show it
    substituted(true);

    // the refused order creation was interrupted by the error, so it counts as passed only once
    process(key)
        .hasPassedElementsInOrder(CONTACT, PRICE_DIFFERS, CONTACT, CREATE_SUBSTITUTE, CANCEL_ORIGINAL,
            END_SUBSTITUTED)
        .hasPassedElement(CONTACT, 2)
        .hasVariableWithValue("substituteSku", "MUG-350-RED")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aSecondContactOpensWithAnEmptyFormAndTheFirstAnswerStaysRecorded() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 30);
    decideShortageHandling();
    answered(key, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "MUG-500-RED", "contactNotes", "likes red"));
    substituteRefusedForItsPrice();

    final long secondContact = zeebe.requireOpenUserTask(key, CONTACT).getUserTaskKey();
    assertThat(new EngineUserTasks(zeebe).variables(secondContact))
        .as("what the form of the second contact is opened with")
        .containsEntry("customerAnswer", null)
        .containsEntry("substituteSku", null)
        .containsEntry("contactNotes", null)
        .containsEntry("substituteProblem", "MUG-500-RED costs 59.00, the ordered item 49.00");
    assertThat(processScopeValue(key, "customerAnswer")).as("the first answer, kept by the process").isEqualTo("\"SUBSTITUTE\"");
    assertThat(processScopeValue(key, "substituteSku")).isEqualTo("\"MUG-500-RED\"");
  }

  /** The latest value (JSON) of a variable of the process instance's own scope, not of a task's. */
  private String processScopeValue(final long key, final String name) {
    String value = null;
    for (final var r : zeebe.records().variableRecords()) {
      if (r.getValue().getScopeKey() == key && r.getValue().getName().equals(name)) {
        value = r.getValue().getValue();
      }
    }
    return value;
  }

  @Test
  void stockArrivingWhileTheCustomerIsContactedAgainShipsTheLine() {
    final long key = arrivalDatePassedAndCustomerContactedAgain(null);
    stockArrived();
    assertThat(zeebe.openUserTask(key, CONTACT)).as("the contact task is withdrawn").isEmpty();
    shipped();

    process(key)
        .hasPassedElementsInOrder(ARRIVAL_DATE_PASSED, ASK_NEW_ARRIVAL, STOCK_ARRIVED_DURING_CONTACT, SHIP,
            CLOSE_SHIPPED, END_SHIPPED)
        .hasNotPassedElement(RECORD_ANSWER)
        .hasNotPassedElement(STOCK_ARRIVED)
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void declinedRefundIsArrangedManually() {
    final long key = startShortage(false, false);
    arrivalChecked(false, 9);
    decideShortageHandling();
    answered(key, Map.of("customerAnswer", "CANCEL"));
    completeJob(JobTypes.CANCEL_ORDER_LINE);
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "49.00", "paymentMethod", "HUABEI_INSTALLMENT"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");

    final UserTaskRecordValue manualRefund = zeebe.requireOpenUserTask(key, MANUAL_REFUND);
    assertThat(manualRefund.getCandidateGroupsList()).containsExactly("finance-team");
    zeebe.increaseTime(Duration.ofHours(24));
    assertThat(completeJob(JobTypes.ESCALATE_OVERDUE_TASK).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    zeebe.completeUserTask(key, MANUAL_REFUND, Map.of("manualRefundReference", "BANK-TRANSFER-77"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    notifiedAndClosed("ORDER_LINE_CANCELLED", "CANCELLED");

    process(key)
        .hasPassedElementsInOrder(CANCEL, CALCULATE_REFUND, REFUND_DECLINED, MANUAL_REFUND, RECORD_MANUAL_REFUND,
            NOTIFY_CANCELLED, CLOSE_CANCELLED, END_CANCELLED)
        .hasNoIncidents()
        .isCompleted();
  }

  // ------------------------------------------------------------------ the mocked workers

  private long startShortage(final boolean bundleComponent, final boolean paidByInstallments) {
    final Map<String, Object> caseFacts = Map.of("orderId", "order-4711", "channel", "TMALL",
        "reason", "OUT_OF_STOCK", "description", "Reported by the warehouse");
    return bound(zeebe.client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.OUT_OF_STOCK).latestVersion()
        .variables(Map.of("caseId", caseId, "orderId", "order-4711", "sku", "MUG-350-WHITE", "quantity", 2,
            "bundleComponent", bundleComponent, "paidByInstallments", paidByInstallments, "caseFacts", caseFacts))
        .send().join().getProcessInstanceKey());
  }

  /** check-next-arrival: no date means no daysUntilArrival and no waitUntil (the decision's recheck period applies). */
  private ActivatedJob arrivalChecked(final boolean inStock, final Integer daysUntilArrival) {
    final ZonedDateTime today = ZonedDateTime.now(SHANGHAI).truncatedTo(ChronoUnit.DAYS);
    final Map<String, Object> result = new HashMap<>();
    result.put("inStock", inStock);
    result.put("daysUntilArrival", daysUntilArrival);
    result.put("nextArrivalDate", daysUntilArrival == null ? null
        : today.plusDays(daysUntilArrival).toLocalDate().toString());
    result.put("waitUntil", daysUntilArrival == null ? null
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(today.plusDays(daysUntilArrival + 1)));
    return completeJob(JobTypes.CHECK_NEXT_ARRIVAL, result);
  }

  /**
   * An arrival within the window was waited for, the day after it began without stock, and the
   * warehouse now names a new arrival (or none): the customer is being contacted again.
   */
  private long arrivalDatePassedAndCustomerContactedAgain(final Integer newDaysUntilArrival) {
    final long key = startShortage(false, false);
    arrivalChecked(false, 2);
    assertThat(decideShortageHandling()).containsEntry("shortageHandling", "WAIT_FOR_STOCK");
    completeJob(JobTypes.NOTIFY_CUSTOMER);
    completeJob(JobTypes.QUEUE_BACKORDER);

    zeebe.increaseTime(Duration.ofDays(2));
    process(key).as("waits until the day after the arrival date").isWaitingAtElements(AWAIT_STOCK);
    zeebe.increaseTime(Duration.ofDays(2));
    assertThat(arrivalChecked(false, newDaysUntilArrival).getElementId()).isEqualTo(ASK_NEW_ARRIVAL);
    zeebe.requireOpenUserTask(key, CONTACT);
    return key;
  }

  /**
   * The shortage decision, evaluated by the engine on the facts check-next-arrival gave (the gather listener
   * is played); the end listener returns what the real one returns to the contact form and the order.
   */
  private Map<String, Object> decideShortageHandling() {
    final ActivatedJob gather = zeebe.activateJob(JobTypes.GATHER_DECISION_FACTS);
    final Map<String, Object> facts = new HashMap<>();
    for (final String input : List.of("inStock", "daysUntilArrival", "bundleComponent")) {
      facts.put(input, gather.getVariablesAsMap().get(input));
    }
    zeebe.client().newCompleteCommand(gather.getKey()).variables(Map.of("facts", facts)).send().join();
    zeebe.waitForIdle();
    final ActivatedJob record = zeebe.activateJob(JobTypes.RECORD_SHORTAGE_HANDLING);
    @SuppressWarnings("unchecked")
    final Map<String, Object> decision =
        (Map<String, Object>) record.getVariablesAsMap().get(RecordShortageHandlingWorker.RESULT);
    final Map<String, Object> recorded = new HashMap<>();
    for (final String output : List.of("contactOptions", "giftSku", "giftQuantity", "substitutePriceTolerance")) {
      recorded.put(output, decision.get(output));
    }
    zeebe.client().newCompleteCommand(record.getKey()).variables(recorded).send().join();
    zeebe.waitForIdle();
    return decision;
  }

  /** The order platform refuses the substitute MUG-500-RED for its price: the customer is contacted again. */
  private void substituteRefusedForItsPrice() {
    final ActivatedJob order = zeebe.activateJob(JobTypes.CREATE_REPLACEMENT_ORDER);
    zeebe.client().newThrowErrorCommand(order.getKey()).errorCode(ErrorCodes.SUBSTITUTE_PRICE_DIFFERS)
        .errorMessage("substitute priced differently")
        .variables(Map.of("substituteProblem", "MUG-500-RED costs 59.00, the ordered item 49.00"))
        .send().join();
    zeebe.waitForIdle();
  }

  private void answered(final long key, final Map<String, ?> formData) {
    zeebe.completeUserTask(key, CONTACT, formData);
    assertThat(completeJob(JobTypes.RECORD_CUSTOMER_ANSWER).getCustomHeaders())
        .containsEntry(Headers.TASK, "customer-contact");
  }

  private void stockArrived() {
    zeebe.client().newPublishMessageCommand().messageName(Messages.STOCK_ARRIVED).correlationKey(caseId)
        .messageId(CaseMessagePublisher.messageId(caseId, Messages.STOCK_ARRIVED)).send().join();
    zeebe.waitForIdle();
  }

  private void shipped() {
    completeJob(JobTypes.SHIP_BACKORDER, Map.of("outboundOrderId", "OUT-1"));
    notifiedAndClosed("BACKORDER_SHIPPED", "SHIPPED");
  }

  /** The substitute order is created; the original line is cancelled unless it is a bundle's. */
  private void substituted(final boolean originalLineCancelled) {
    assertThat(completeJob(JobTypes.CREATE_REPLACEMENT_ORDER, Map.of("replacementOrderId", "SO-1"))
        .getCustomHeaders()).containsEntry(Headers.ORDER_TYPE, "SUBSTITUTE");
    if (originalLineCancelled) {
      assertThat(completeJob(JobTypes.CANCEL_ORDER_LINE).getElementId()).isEqualTo(CANCEL_ORIGINAL);
    }
    notifiedAndClosed("ORDER_LINE_SUBSTITUTED", "SUBSTITUTED");
  }

  private void cancelledAndRefunded(final boolean paidByInstallments) {
    completeJob(JobTypes.CANCEL_ORDER_LINE);
    assertThat(completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "98.00")).getCustomHeaders())
        .containsEntry(Headers.PURPOSE, "CANCELLED_LINE");
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "RF-1"));
    if (paidByInstallments) {
      completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN);
    }
    notifiedAndClosed("ORDER_LINE_CANCELLED", "CANCELLED");
  }

  private void notifiedAndClosed(final String template, final String status) {
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders()).containsEntry(Headers.TEMPLATE, template);
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, status);
  }

  private static Map<String, Object> parse(final String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
