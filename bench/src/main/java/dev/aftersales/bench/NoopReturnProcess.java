package dev.aftersales.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: generated processes of the same shape as the auto-approved path of
 * {@code bpmn/return-request.bpmn} and the {@code return-goods} process it calls — the call activity
 * with its error boundaries, the same 11 service tasks in the same order, the same gateways and
 * joins, the event-based wait for the parcel message (with its 7-day timer), the error boundary on
 * the refund — and the same variables in and out, but workers that complete every job at once. Job types and the message name are its own, so the product's workers never
 * take its jobs.
 */
final class NoopReturnProcess {

  static final String PROCESS_ID = "bench-noop-return-request";
  static final String GOODS_PROCESS_ID = "bench-noop-return-goods";
  static final String MESSAGE = "bench-noop-parcel-received";

  /** The auto-approved path's service tasks, in order, with the variables the product's worker returns. */
  private record Step(String elementId, String jobType, Map<String, Object> result) {}

  private final List<Step> steps;

  NoopReturnProcess() {
    Map<String, Object> caseFacts = new LinkedHashMap<>();
    caseFacts.put("channel", "TMALL");
    caseFacts.put("orderId", "O-00000000-0000-0000-0000-000000000000");
    caseFacts.put("reason", "NO_REASON");
    caseFacts.put("description", "不想要了");
    caseFacts.put("daysSinceDelivery", 2);
    caseFacts.put("windowDays", 7);
    caseFacts.put("unopened", true);
    caseFacts.put("returnsInLast90Days", 0);
    caseFacts.put("rule", "No reason, within window, unopened");
    caseFacts.put("evidence", List.of());
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("sku", "SKU-A");
    finding.put("expectedBarcode", "6900001");
    finding.put("scannedBarcode", "6900001");
    finding.put("grade", "NEW");
    steps = List.of(
        new Step("ServiceTask_ClassifyReturnReason", "classify", Map.of("reason", "NO_REASON", "queue", "warehouse-team")),
        new Step("BusinessRuleTask_DecideReturnEligibility", "decide",
            Map.of("eligibility", "AUTO_APPROVE", "caseFacts", caseFacts)),
        new Step(BenchEngine.LABEL_ELEMENT, "label", Map.of("trackingNumber", "SF-BENCH")),
        new Step("ServiceTask_SendReturnLabel", "send-label", Map.of()),
        new Step("ServiceTask_AnnounceReturnToWarehouse", "announce", Map.of()),
        new Step("ServiceTask_InspectReturnedItems", "inspect", Map.of("barcodesMatch", true,
            "conditionAsDeclared", true, "inspectionFindings", List.of(finding))),
        new Step("ServiceTask_DisposeReturnedItems", "dispose", Map.of()),
        new Step("ServiceTask_CalculateRefund", "calculate", Map.of()),
        new Step("ServiceTask_RefundPayment", "refund", Map.of("refundId", "R-BENCH")),
        new Step("ServiceTask_NotifyCustomerOfRefund", "notify-refund", Map.of()),
        new Step("ServiceTask_CloseRefundedCase", "close", Map.of()));
  }

  static String jobType(String step) {
    return "bench-noop-" + step;
  }

  int serviceTasks() {
    return steps.size();
  }

  /** The called process: from the request to the disposed goods ({@code bpmn/return-goods.bpmn}). */
  BpmnModelInstance goodsModel() {
    AbstractFlowNodeBuilder<?, ?> b =
        Bpmn.createExecutableProcess(GOODS_PROCESS_ID).startEvent("StartEvent_ReturnOfGoodsRequested");
    b = task(b, 0);
    b = task(b, 1);
    b = decision(b, "Gateway_ReturnEligible", "eligibility = \"AUTO_APPROVE\"", "EndEvent_NotAutoApproved");
    b = b.exclusiveGateway("Gateway_ReturnApprovedJoin");
    b = task(b, 2);
    b = task(b, 3);
    b = task(b, 4);
    b = b.eventBasedGateway("Gateway_ParcelReceivedInTime")
        .intermediateCatchEvent("IntermediateCatchEvent_ParcelNotReceived").timerWithDuration("P7D")
        .endEvent("EndEvent_ReturnExpired")
        .moveToNode("Gateway_ParcelReceivedInTime")
        .intermediateCatchEvent("IntermediateCatchEvent_ParcelReceived")
        .message(m -> m.name(MESSAGE).zeebeCorrelationKeyExpression("caseId"));
    b = task(b, 5);
    b = decision(b, "Gateway_BarcodesMatch", "barcodesMatch", "EndEvent_BarcodesDoNotMatch");
    b = b.exclusiveGateway("Gateway_BarcodesResolvedJoin");
    b = decision(b, "Gateway_ConditionAsDeclared", "conditionAsDeclared", "EndEvent_ConditionBelowDeclared");
    b = b.exclusiveGateway("Gateway_ConditionSettledJoin");
    b = task(b, 6);
    return b.endEvent("EndEvent_GoodsReceived").done();
  }

  /** The request: calls the goods process, then settles freight, refunds and closes ({@code bpmn/return-request.bpmn}). */
  BpmnModelInstance model() {
    CallActivityBuilder goods = Bpmn.createExecutableProcess(PROCESS_ID).startEvent("StartEvent_ReturnRequested")
        .callActivity("CallActivity_ReceiveReturnedGoods").zeebeProcessId(GOODS_PROCESS_ID)
        .zeebePropagateAllChildVariables(true);
    goods.boundaryEvent("BoundaryEvent_GoodsNotReceived").error("goods-not-received")
        .endEvent("EndEvent_ReturnRequestExpired");
    goods.boundaryEvent("BoundaryEvent_GoodsRejected").error("goods-rejected").endEvent("EndEvent_ReturnRequestRejected");
    AbstractFlowNodeBuilder<?, ?> b = goods;
    b = decision(b, "Gateway_FreightInsured", "not(freightInsured)", "EndEvent_FreightInsured");
    b = b.exclusiveGateway("Gateway_FreightSettledJoin");
    b = task(b, 7);
    Step refundStep = steps.get(8);
    ServiceTaskBuilder refund = b.serviceTask(refundStep.elementId()).zeebeJobType(jobType(refundStep.jobType()));
    refund.boundaryEvent("BoundaryEvent_RefundDeclined").error("refund-declined").endEvent("EndEvent_RefundDeclined");
    b = refund;
    b = b.exclusiveGateway("Gateway_RefundIssuedJoin");
    b = decision(b, "Gateway_PaidInInstalments", "not(paidByInstallments)", "EndEvent_PaidInInstalments");
    b = b.exclusiveGateway("Gateway_InstalmentsSettledJoin");
    b = task(b, 9);
    b = task(b, 10);
    return b.endEvent("EndEvent_ReturnRefunded").done();
  }

  private AbstractFlowNodeBuilder<?, ?> task(AbstractFlowNodeBuilder<?, ?> b, int index) {
    Step step = steps.get(index);
    return b.serviceTask(step.elementId()).zeebeJobType(jobType(step.jobType()));
  }

  /** A gateway whose {@code taken} branch goes on; the other branch ends (it is never taken here). */
  private static AbstractFlowNodeBuilder<?, ?> decision(
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
   * One worker per job type on the application's own client, with the job settings the product's
   * workers get ({@code camunda.client.worker.defaults.*}); each completes its job at once with the
   * variables the product's worker would return.
   */
  List<JobWorker> open(CamundaClient client, int maxJobsActive, boolean streamEnabled, Duration timeout) {
    List<JobWorker> workers = new ArrayList<>();
    for (Step step : steps) {
      workers.add(client.newWorker()
          .jobType(jobType(step.jobType()))
          .handler((jobClient, job) -> complete(jobClient, job, step))
          .maxJobsActive(maxJobsActive)
          .timeout(timeout)
          .streamEnabled(streamEnabled)
          .fetchVariables("caseId")
          .open());
    }
    return workers;
  }

  private static void complete(io.camunda.client.api.worker.JobClient client, ActivatedJob job, Step step) {
    client.newCompleteCommand(job.getKey()).variables(step.result()).send();
  }

  /** The start variables the product's intake sets (ProcessStarter.StartVariables). */
  static Map<String, Object> startVariables(String caseId, String orderId) {
    return Map.of("caseId", caseId, "orderId", orderId, "freightInsured", false, "paidByInstallments", false);
  }
}
