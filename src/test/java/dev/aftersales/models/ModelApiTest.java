package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.workers.TestCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deployed models served for the console's diagrams and forms, and a case's path drawn on them: visited
 * elements and flows inferred through gateways and events, called processes reachable, the current wait.
 */
class ModelApiTest extends ApiTest {

  /** What the workers of an automatically approved, received and refunded return record, in order. */
  private static final List<String> REFUNDED_RETURN = List.of("BusinessRuleTask_ClassifyReturnReason",
      "BusinessRuleTask_DecideReturnEligibility", "ServiceTask_CreateReturnLabel",
      "ServiceTask_SendReturnLabel", "ServiceTask_AnnounceReturnToWarehouse", "ServiceTask_InspectReturnedItems",
      "ServiceTask_DisposeReturnedItems", "ServiceTask_CalculateRefund", "ServiceTask_RefundPayment",
      "ServiceTask_NotifyCustomerOfRefund", "ServiceTask_CloseRefundedCase");

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;

  @Test
  void theDeployedBpmnDmnAndFormAreServedById() {
    Answer index = get(TestUser.AUDITOR, ApiPaths.MODELS);
    Answer bpmn = get(TestUser.AUDITOR, "/api/models/processes/return-goods");
    Answer dmn = get(TestUser.OWNER, "/api/models/decisions/return-window");
    Answer form = get(TestUser.AGENT, "/api/models/forms/evidence-review");

    assertThat(index.status()).isEqualTo(200);
    assertThat(ids(index.body().path("processes"))).contains("return-request", "return-goods", "out-of-stock");
    assertThat(ids(index.body().path("decisions"))).contains("return-eligibility", "return-window");
    assertThat(ids(index.body().path("forms"))).contains("evidence-review");
    assertThat(bpmn.status()).isEqualTo(200);
    assertThat(bpmn.contentType()).startsWith("application/xml");
    assertThat(bpmn.body().asText()).contains("<bpmn:process id=\"return-goods\"");
    assertThat(dmn.contentType()).startsWith("application/xml");
    assertThat(dmn.body().asText()).as("the file (DRD) that holds the decision")
        .contains("id=\"return-window\"").contains("id=\"return-eligibility\"");
    assertThat(form.contentType()).startsWith("application/json");
    assertThat(form.body().path("id").asText()).isEqualTo("evidence-review");
    assertThat(form.body().path("components").isArray()).isTrue();
  }

  @Test
  void anUnknownModelIs404AndChannelsAndWarehouseMayNotReadModels() {
    Answer unknown = get(TestUser.AUDITOR, "/api/models/processes/no-such-process");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(get(TestUser.AUDITOR, "/api/models/forms/nope").status()).isEqualTo(404);
    assertThat(get(TestUser.CHANNEL, ApiPaths.MODELS).status()).isEqualTo(403);
    assertThat(get(TestUser.WAREHOUSE, "/api/models/decisions/return-window").status()).isEqualTo(403);
  }

  @Test
  void aRefundedReturnsPathRunsThroughTheApprovedBranchOfBothProcessesToTheirEnds() {
    AfterSalesCase c = TestCases.aReturn().build();
    c.moveTo(CaseStatus.REFUNDED, Instant.now());
    cases.save(c);
    REFUNDED_RETURN.forEach(element -> timeline.record(c.getId(), TimelineKind.STATUS, element, "worker", "step",
        Map.of()));

    Answer answer = get(TestUser.AUDITOR, ApiPaths.CASES + "/" + c.getId() + "/path");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("closed").asBoolean()).isTrue();
    JsonNode main = answer.body().path("processes").get(0);
    JsonNode goods = answer.body().path("processes").get(1);
    assertThat(main.path("bpmnProcessId").asText()).isEqualTo("return-request");
    assertThat(main.path("model").asText()).isEqualTo("/api/models/processes/return-request");
    assertThat(texts(main.path("visitedElements"))).contains("StartEvent_ReturnRequested",
        "CallActivity_ReceiveReturnedGoods", "Gateway_FreightInsured", "ServiceTask_RefundPayment",
        "EndEvent_ReturnRefunded").doesNotContain("ServiceTask_ClaimFreightInsurance", "EndEvent_ReturnRequestExpired");
    assertThat(texts(main.path("visitedFlows"))).contains("Flow_RequestToReceiveGoods", "Flow_FreightInsuredNo",
        "Flow_PaidInInstalmentsNo", "Flow_CloseRefundedToEnd")
        .doesNotContain("Flow_FreightInsuredYes", "Flow_GoodsNotReceivedToEnd", "Flow_PaidInInstalmentsYes");
    assertThat(goods.path("bpmnProcessId").asText()).isEqualTo("return-goods");
    assertThat(goods.path("calledBy").path("bpmnProcessId").asText()).isEqualTo("return-request");
    assertThat(goods.path("calledBy").path("elementId").asText()).isEqualTo("CallActivity_ReceiveReturnedGoods");
    assertThat(texts(goods.path("visitedFlows"))).contains("Flow_RequestToClassify", "Flow_AutoApproved",
        "Flow_WaitToParcelReceived", "Flow_ParcelReceivedToInspect", "Flow_BarcodesMatchYes",
        "Flow_ConditionAsDeclaredYes", "Flow_DisposeToGoodsReceived")
        .doesNotContain("Flow_NeedsReview", "Flow_AutoRejected", "Flow_WaitToParcelNotReceived",
            "Flow_BarcodesMatchNo", "Flow_ConditionAsDeclaredNo");
    assertThat(texts(goods.path("visitedElements"))).contains("IntermediateCatchEvent_ParcelReceived",
        "EndEvent_GoodsReceived").doesNotContain("UserTask_ReviewEvidence", "IntermediateCatchEvent_ParcelNotReceived");
    assertThat(main.path("currentWaits")).isEmpty();
    assertThat(goods.path("currentWaits")).isEmpty();
  }

  @Test
  void aReturnAwaitingItsParcelWaitsForTheParcelOrItsDeadline() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    REFUNDED_RETURN.subList(0, 5).forEach(element -> timeline.record(c.getId(), TimelineKind.STATUS, element, "worker",
        "step", Map.of()));

    JsonNode path = get(TestUser.CHANNEL, ApiPaths.CASES + "/" + c.getId() + "/path").body();

    assertThat(path.path("closed").asBoolean()).isFalse();
    JsonNode goods = path.path("processes").get(1);
    assertThat(goods.path("bpmnProcessId").asText()).isEqualTo("return-goods");
    assertThat(texts(goods.path("currentWaits")))
        .containsExactlyInAnyOrder("IntermediateCatchEvent_ParcelReceived", "IntermediateCatchEvent_ParcelNotReceived");
    assertThat(texts(goods.path("visitedElements"))).doesNotContain("EndEvent_GoodsReceived");
    assertThat(texts(path.path("processes").get(0).path("visitedFlows"))).containsExactly("Flow_RequestToReceiveGoods");
    assertThat(get(TestUser.OTHER_CHANNEL, ApiPaths.CASES + "/" + c.getId() + "/path").status()).isEqualTo(404);
  }

  @Test
  void anExchangesStepsAreDrawnOnTheExchangeAndTheGoodsItCalledNotOnTheReturn() {
    AfterSalesCase c = TestCases.anExchange("DRESS-L").build();
    cases.save(c);
    REFUNDED_RETURN.subList(0, 5).forEach(element -> timeline.record(c.getId(), TimelineKind.STATUS, element, "worker",
        "step", Map.of()));

    JsonNode processes = get(TestUser.AUDITOR, ApiPaths.CASES + "/" + c.getId() + "/path").body().path("processes");

    assertThat(processes).hasSize(2);
    assertThat(processes.get(0).path("bpmnProcessId").asText()).isEqualTo("exchange-request");
    assertThat(texts(processes.get(0).path("visitedElements")))
        .containsExactlyInAnyOrder("CallActivity_ReceiveReturnedGoods", "StartEvent_ExchangeRequested");
    assertThat(processes.get(1).path("bpmnProcessId").asText()).isEqualTo("return-goods");
    assertThat(processes.get(1).path("calledBy").path("bpmnProcessId").asText()).isEqualTo("exchange-request");
  }

  @Test
  void aReturnUnderReviewWaitsAtItsOpenReviewTask() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    long instance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    cases.linkProcessInstance(c.getId(), instance);
    List.of("BusinessRuleTask_ClassifyReturnReason", "BusinessRuleTask_DecideReturnEligibility").forEach(element ->
        timeline.record(c.getId(), TimelineKind.STATUS, element, "worker", "step", Map.of()));
    UserTaskStubs.shared().searchOfCaseAnswers(c.getId(), UserTaskStubs.task(instance + 7, instance,
        "UserTask_ReviewEvidence", "evidence-review", List.of("qc-team"), 50, Instant.now()));

    JsonNode goods = get(TestUser.AGENT, ApiPaths.CASES + "/" + c.getId() + "/path").body().path("processes").get(1);

    assertThat(goods.path("bpmnProcessId").asText()).isEqualTo("return-goods");
    assertThat(texts(goods.path("currentWaits"))).containsExactly("UserTask_ReviewEvidence");
    assertThat(texts(goods.path("visitedFlows"))).contains("Flow_NeedsReview").doesNotContain("Flow_AutoApproved");
  }

  private static List<String> ids(JsonNode models) {
    List<String> ids = new ArrayList<>();
    models.forEach(m -> ids.add(m.path("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
