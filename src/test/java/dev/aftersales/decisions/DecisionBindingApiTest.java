package dev.aftersales.decisions;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.DecisionBindings;
import dev.aftersales.process.DecisionBindings.BoundDecision;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.Record;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.DecisionEvaluationRecordValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an auditor reads about a case's decisions, through the API, after the real workers and the engine
 * decided: the customer's words classified (a size complaint is no quality problem), and each decision with
 * the version deployed with its process, its matched row and the facts it saw.
 */
class DecisionBindingApiTest extends ApiTest {

  @Autowired DecisionBindings bindings;
  @Autowired MeterRegistry registry;

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlEqualTo("/vision/ocr")), "{\"text\":\"\"}");
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
  }

  @Test
  void aSizeComplaintIsReviewedByTheWarehouseAndEveryDecisionNamesTheVersionDeployedWithItsProcess() {
    long evaluatedOutsideProcesses = evaluationsOutsideProcesses();
    double matchedHere = matchedInTheApplication();
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(3, ChronoUnit.DAYS), "ALIPAY", false);

    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":null,
         "description":"尺码不符，偏小","unopened":false,"lines":[{"sku":"SKU-A","quantity":1}],
         "evidence":[{"url":"https://img.example/size.jpg","kind":"PHOTO"}]}""".formatted(orderId, orderId));
    assertThat(opened.status()).isEqualTo(201);
    String caseId = opened.body().path("caseId").asText();

    // opened no-reason return: the condition is checked by the warehouse team, not QC
    AfterSalesCase underReview = awaitStatus(caseId, CaseStatus.UNDER_REVIEW);
    assertThat(underReview.getReason()).hasToString("NO_REASON");
    assertThat(underReview.getQueue()).isEqualTo("warehouse-team");
    assertThat(underReview.getClassifierConfidence()).isNotNull();
    awaitUserTask(underReview.getProcessInstanceKey(), "UserTask_ReviewEvidence");

    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    JsonNode classification = entry(timeline, "BusinessRuleTask_ClassifyReturnReason", "DECISION").path("details");
    JsonNode eligibility = entry(timeline, "BusinessRuleTask_DecideReturnEligibility", "DECISION").path("details");
    assertThat(classification.path("matchedRules").get(0).path("ruleId").asText()).isEqualTo("Rule_SizeOrTaste");
    assertThat(classification.path("output").path("reason").asText()).isEqualTo("NO_REASON");
    assertThat(eligibility.path("matchedRules").get(0).path("ruleId").asText()).isEqualTo("Rule_OpenedNoReason");
    assertThat(eligibility.path("inputs").path("facts").path("returnsInLast90Days").asInt()).isEqualTo(1);
    assertThat(eligibility.path("evaluatedDecisions").toString()).contains("Rule_StandardWindow");
    for (JsonNode decision : new JsonNode[] {classification, eligibility}) {
      long processDefinitionKey = decision.path("processDefinitionKey").asLong();
      BoundDecision bound = bindings.find(processDefinitionKey, ProcessIds.RETURN_GOODS,
          processVersion(processDefinitionKey), decision.path("decisionId").asText()).orElseThrow();
      assertThat(decision.path("binding").asText()).isEqualTo("deployment");
      assertThat(decision.path("decisionKey").asLong()).isEqualTo(bound.decisionKey());
      assertThat(decision.path("decisionVersion").asInt()).isEqualTo(bound.version());
      assertThat(decision.path("outputMatchesEngine").asBoolean()).isTrue();
      // the rows were matched in the application, on the file it deployed: no second evaluation in the cluster
      assertThat(decision.path("rulesMatchedBy").asText()).isEqualTo("application");
    }
    assertThat(evaluationsOutsideProcesses())
        .as("decisions the engine evaluated for no process instance (a record listener asking it again)")
        .isEqualTo(evaluatedOutsideProcesses);
    assertThat(matchedInTheApplication()).as("aftersales.decisions.rows-matched by the application, agreeing")
        .isGreaterThanOrEqualTo(matchedHere + 2);
  }

  private double matchedInTheApplication() {
    return registry.find("aftersales.decisions.rows-matched").tag("by", "application").tag("agrees", "true")
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  /** The engine's evaluations of the return's two decisions that no business rule task made. */
  private static long evaluationsOutsideProcesses() {
    return ApiTest.<DecisionEvaluationRecordValue>engineRecords(ValueType.DECISION_EVALUATION).stream()
        .map(Record::getValue)
        .filter(v -> v.getProcessInstanceKey() <= 0)
        .filter(v -> Set.of(ProcessIds.REASON_CLASSIFICATION, ProcessIds.RETURN_ELIGIBILITY).contains(v.getDecisionId()))
        .count();
  }

  /** The version of the process definition the engine ran (the test engine is shared by the tests). */
  private static int processVersion(long processDefinitionKey) {
    return java.util.stream.StreamSupport.stream(zeebe().records().processRecords().spliterator(), false)
        .filter(r -> r.getValue().getProcessDefinitionKey() == processDefinitionKey)
        .mapToInt(r -> r.getValue().getVersion()).findFirst().orElseThrow();
  }
}
