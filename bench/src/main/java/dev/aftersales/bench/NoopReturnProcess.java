package dev.aftersales.bench;

import dev.aftersales.workers.decision.DecisionFacts;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: generated processes of the same shape as the auto-approved path of
 * {@code bpmn/return-request.bpmn} and the {@code return-goods} process it calls, so that the engine does
 * the same work for a case as for the product's and only the application's part differs:
 * <ul>
 *   <li>the request's start event with its end listener ({@code bind-process-instance});</li>
 *   <li>the call activity with its two error boundaries;</li>
 *   <li>the two business rule tasks, each with its start listener ({@code gather-decision-facts}) and its end
 *   listener ({@code record-<decision>}), evaluating the product's own decision tables (the versions the
 *   application deployed, bound as {@code latest}) on the facts the product gathers for the same request;</li>
 *   <li>the 9 service tasks of the path in the same order (the two customer notifications on one job type, as in
 *   the product), the refund's error boundary;</li>
 *   <li>the same gateways and joins, the event-based wait for the parcel message with its 7-day timer.</li>
 * </ul>
 * Its workers complete every job at once with the variables the product's worker returns (14 jobs per case:
 * 9 service tasks and 5 listener jobs, {@link #jobsPerCase()}). Job types, process ids and the message name are
 * its own, so the product's workers never take its jobs. Not in the baseline: the decision evaluation the
 * product's disposition step asks the engine for ({@code return-disposition}), and the two record listeners'
 * evaluations of their decision again for the matched rows, which the application makes itself
 * ({@code DeployedDecisions}): the application's choices, whose cost shows in the product's CPU per case.
 */
final class NoopReturnProcess {

  static final String PROCESS_ID = "bench-noop-return-request";
  static final String GOODS_PROCESS_ID = "bench-noop-return-goods";
  static final String MESSAGE = "bench-noop-parcel-received";

  /** A job of the path: the element it belongs to, its (baseline) job type and the variables the product returns. */
  private record Step(String elementId, String jobType, Map<String, Object> result) {}

  private static final String BIND = "bind-process-instance";
  private static final String GATHER_FACTS = "gather-decision-facts";
  private static final String RECORD_CLASSIFICATION = "record-reason-classification";
  private static final String RECORD_ELIGIBILITY = "record-return-eligibility";
  private static final String NOTIFY = "notify-customer";

  private final Map<String, Map<String, Object>> results = new LinkedHashMap<>();
  private final List<Step> serviceTasks;

  NoopReturnProcess() {
    results.put(BIND, Map.of());
    results.put(GATHER_FACTS, Map.of("facts", facts()));
    results.put(RECORD_CLASSIFICATION, Map.of("reason", "NO_REASON", "queue", "warehouse-team"));
    results.put(RECORD_ELIGIBILITY, Map.of("caseFacts", caseFacts()));
    results.put(NOTIFY, Map.of());
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("sku", "SKU-A");
    finding.put("expectedBarcode", "6900001");
    finding.put("scannedBarcode", "6900001");
    finding.put("grade", "NEW");
    serviceTasks = List.of(
        new Step(BenchEngine.LABEL_ELEMENT, "create-return-label", Map.of("trackingNumber", "SF-BENCH")),
        new Step("ServiceTask_SendReturnLabel", NOTIFY, Map.of()),
        new Step("ServiceTask_AnnounceReturnToWarehouse", "announce-return-to-warehouse", Map.of()),
        new Step("ServiceTask_InspectReturnedItems", "inspect-returned-items", Map.of("barcodesMatch", true,
            "conditionAsDeclared", true, "inspectionFindings", List.of(finding), "returnedLinesPaid", "94.50")),
        new Step("ServiceTask_DisposeReturnedItems", "dispose-returned-items", Map.of()),
        new Step("ServiceTask_CalculateRefund", "calculate-refund",
            Map.of("refundAmount", "94.50", "paymentMethod", "ALIPAY")),
        new Step("ServiceTask_RefundPayment", "refund-payment", Map.of("refundId", "R-BENCH")),
        new Step("ServiceTask_NotifyCustomerOfRefund", NOTIFY, Map.of()),
        new Step("ServiceTask_CloseRefundedCase", "close-case", Map.of()));
    serviceTasks.forEach(s -> results.putIfAbsent(s.jobType(), s.result()));
  }

  /** What the product's gather-decision-facts listener hands both decisions for the benchmark's request. */
  private static DecisionFacts facts() {
    return new DecisionFacts("RETURN", "TMALL", "C-BENCH", "NORMAL", false, new BigDecimal("248.00"), null, "ALIPAY",
        false, 2L, 1, 1, 1, "NO_REASON", "NO_REASON", true, "不想要了", null, 0, 0, 1, null, null, null, null, null,
        null, null);
  }

  /** What record-return-eligibility returns (CaseFacts.decided). */
  private static Map<String, Object> caseFacts() {
    Map<String, Object> caseFacts = new LinkedHashMap<>();
    caseFacts.put("channel", "TMALL");
    caseFacts.put("orderId", "O-00000000-0000-0000-0000-000000000000");
    caseFacts.put("reason", "NO_REASON");
    caseFacts.put("description", "不想要了");
    caseFacts.put("daysSinceDelivery", 2);
    caseFacts.put("windowDays", 7);
    caseFacts.put("unopened", true);
    caseFacts.put("returnsInLast90Days", 1);
    caseFacts.put("rule", "No reason, within window, unopened");
    caseFacts.put("items", List.of(Map.of("sku", "SKU-A", "name", "Kettle", "quantity", 1)));
    caseFacts.put("evidence", List.of());
    return caseFacts;
  }

  static String jobType(String productJobType) {
    return "bench-noop-" + productJobType;
  }

  /** Jobs the engine hands out per case: the service tasks, and the listeners (1 start, 2 per decision). */
  int jobsPerCase() {
    return serviceTasks.size() + 1 + 2 * 2;
  }

  /** The called process: from the request to the disposed goods ({@code bpmn/return-goods.bpmn}). */
  BpmnModelInstance goodsModel() {
    AbstractFlowNodeBuilder<?, ?> b =
        Bpmn.createExecutableProcess(GOODS_PROCESS_ID).startEvent("StartEvent_ReturnOfGoodsRequested");
    b = decide(b, "BusinessRuleTask_ClassifyReturnReason", "reason-classification", "classificationDecision",
        RECORD_CLASSIFICATION);
    b = decide(b, "BusinessRuleTask_DecideReturnEligibility", "return-eligibility", "eligibilityDecision",
        RECORD_ELIGIBILITY);
    b = gateway(b, "Gateway_ReturnEligible", "eligibilityDecision.eligibility = \"AUTO_APPROVE\"",
        "EndEvent_NotAutoApproved");
    b = b.exclusiveGateway("Gateway_ReturnApprovedJoin");
    b = task(b, 0);
    b = task(b, 1);
    b = task(b, 2);
    b = b.eventBasedGateway("Gateway_ParcelReceivedInTime")
        .intermediateCatchEvent("IntermediateCatchEvent_ParcelNotReceived").timerWithDuration("P7D")
        .endEvent("EndEvent_ReturnExpired")
        .moveToNode("Gateway_ParcelReceivedInTime")
        .intermediateCatchEvent("IntermediateCatchEvent_ParcelReceived")
        .message(m -> m.name(MESSAGE).zeebeCorrelationKeyExpression("caseId"));
    b = task(b, 3);
    b = gateway(b, "Gateway_BarcodesMatch", "barcodesMatch", "EndEvent_BarcodesDoNotMatch");
    b = b.exclusiveGateway("Gateway_BarcodesResolvedJoin");
    b = gateway(b, "Gateway_ConditionAsDeclared", "conditionAsDeclared", "EndEvent_ConditionBelowDeclared");
    b = b.exclusiveGateway("Gateway_ConditionSettledJoin");
    b = task(b, 4);
    return b.endEvent("EndEvent_GoodsReceived").done();
  }

  /** The request: calls the goods process, then settles freight, refunds and closes ({@code bpmn/return-request.bpmn}). */
  BpmnModelInstance model() {
    CallActivityBuilder goods = Bpmn.createExecutableProcess(PROCESS_ID).startEvent("StartEvent_ReturnRequested")
        .zeebeEndExecutionListener(jobType(BIND))
        .callActivity("CallActivity_ReceiveReturnedGoods").zeebeProcessId(GOODS_PROCESS_ID)
        .zeebePropagateAllChildVariables(true);
    goods.boundaryEvent("BoundaryEvent_GoodsNotReceived").error("goods-not-received")
        .endEvent("EndEvent_ReturnRequestExpired");
    goods.boundaryEvent("BoundaryEvent_GoodsRejected").error("goods-rejected").endEvent("EndEvent_ReturnRequestRejected");
    AbstractFlowNodeBuilder<?, ?> b = goods;
    b = gateway(b, "Gateway_FreightInsured", "not(freightInsured)", "EndEvent_FreightInsured");
    b = b.exclusiveGateway("Gateway_FreightSettledJoin");
    b = task(b, 5);
    Step refundStep = serviceTasks.get(6);
    ServiceTaskBuilder refund = b.serviceTask(refundStep.elementId()).zeebeJobType(jobType(refundStep.jobType()));
    refund.boundaryEvent("BoundaryEvent_RefundDeclined").error("refund-declined").endEvent("EndEvent_RefundDeclined");
    b = refund;
    b = b.exclusiveGateway("Gateway_RefundIssuedJoin");
    b = gateway(b, "Gateway_PaidInInstalments", "not(paidByInstallments)", "EndEvent_PaidInInstalments");
    b = b.exclusiveGateway("Gateway_InstalmentsSettledJoin");
    b = task(b, 7);
    b = task(b, 8);
    return b.endEvent("EndEvent_ReturnRefunded").done();
  }

  private AbstractFlowNodeBuilder<?, ?> task(AbstractFlowNodeBuilder<?, ?> b, int index) {
    Step step = serviceTasks.get(index);
    return b.serviceTask(step.elementId()).zeebeJobType(jobType(step.jobType()));
  }

  /** A business rule task as the product's: facts gathered by its start listener, recorded by its end listener. */
  private static AbstractFlowNodeBuilder<?, ?> decide(AbstractFlowNodeBuilder<?, ?> b, String id, String decisionId,
      String resultVariable, String recordJobType) {
    return b.businessRuleTask(id).zeebeCalledDecisionId(decisionId).zeebeResultVariable(resultVariable)
        .zeebeBindingType(ZeebeBindingType.latest)
        .zeebeStartExecutionListener(jobType(GATHER_FACTS))
        .zeebeEndExecutionListener(jobType(recordJobType));
  }

  /** A gateway whose {@code taken} branch goes on; the other branch ends (it is never taken here). */
  private static AbstractFlowNodeBuilder<?, ?> gateway(
      AbstractFlowNodeBuilder<?, ?> b, String id, String taken, String otherEnd) {
    return b.exclusiveGateway(id)
        .conditionExpression("not(" + taken + ")").endEvent(otherEnd)
        .moveToNode(id)
        .conditionExpression(taken);
  }

  void deploy(CamundaClient client) {
    client.newDeployResourceCommand().addProcessModel(goodsModel(), GOODS_PROCESS_ID + ".bpmn")
        .addProcessModel(model(), PROCESS_ID + ".bpmn").send().join();
  }

  /**
   * One worker per job type (as the product has one per type) on the application's own client, with the job
   * settings the product's workers get ({@code camunda.client.worker.defaults.*}); each completes its job at
   * once with the variables the product's worker would return.
   */
  List<JobWorker> open(CamundaClient client, int maxJobsActive, boolean streamEnabled, Duration timeout) {
    List<JobWorker> workers = new ArrayList<>();
    results.forEach((type, result) -> workers.add(client.newWorker()
        .jobType(jobType(type))
        .handler((jobClient, job) -> complete(jobClient, job, result))
        .maxJobsActive(maxJobsActive)
        .timeout(timeout)
        .streamEnabled(streamEnabled)
        .fetchVariables("caseId")
        .open()));
    return workers;
  }

  private static void complete(io.camunda.client.api.worker.JobClient client, ActivatedJob job,
      Map<String, Object> result) {
    client.newCompleteCommand(job.getKey()).variables(result).send();
  }

  /** The start variables the product's intake sets (ProcessStarter.startVariables). */
  static Map<String, Object> startVariables(String caseId, String orderId) {
    return Map.of("caseId", caseId, "orderId", orderId, "freightInsured", false, "paidByInstallments", false);
  }
}
