package dev.aftersales.outofstock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.DmnEdits.withoutRules;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.DecisionBindings;
import dev.aftersales.testsupport.ApiTest;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process owner's edit leaves a gap in a table the out-of-stock flow decides on, and the case still reaches the
 * agent instead of an incident: the gap is recorded as "No rule decided" in the case's decisions. Real workers,
 * engine and database; the edited table is deployed with its process as the Modeler would, and the shipped models
 * are deployed again after each test.
 */
class DecisionGapJourneyApiTest extends ApiTest {

  private static final String CONTACT = "UserTask_ContactCustomerAboutShortage";

  @Autowired DecisionBindings bindings;

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/cancellation")),
        "{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
  }

  @AfterEach
  void shippedModelsAgain() {
    deployShippedModelsAgain();
  }

  @Test
  void aShortageNoRuleOfAnEditedPolicyMatchesGoesToTheCustomerContactAndTheCustomersAnswerDecides() {
    deployOutOfStockWith("shortage-handling.dmn", withoutRules("shortage-handling.dmn", "Rule_AskCustomer"));
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 2);
    ShortageOrders.stockArrivesIn(sku, 10); // beyond the promise, not a bundle: only the deleted row matched

    String caseId = report(orderId, sku, 2);
    long instance = awaitContactTask(caseId);

    JsonNode shortage = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body().path("shortage");
    assertThat(shortage.path("handling").asText()).isEqualTo("CONTACT_CUSTOMER");
    assertThat(shortage.path("handlingRule").asText()).startsWith("No rule decided: an agent asks the customer");
    assertThat(variable(instance, "contactOptions")).as("the arrival date is known: waiting may be offered")
        .isEqualTo("[\"CANCEL\",\"WAIT\",\"SUBSTITUTE\"]");
    assertThat(variable(instance, "substitutePriceTolerance")).as("a substitute at the same price").isEqualTo("0");
    JsonNode decision = decision(caseId, "shortage-handling");
    assertThat(decision.path("output").isNull()).as("no rule matched: %s", decision).isTrue();
    assertThat(decision.path("matchedRules")).isEmpty();
    JsonNode recorded = entry(timeline(caseId), "BusinessRuleTask_DecideShortageHandling", "DECISION");
    assertThat(recorded.path("details").path("noRule").asText()).startsWith("No rule decided: ");

    zeebe().completeUserTask(instance, CONTACT, Map.of("customerAnswer", "CANCEL", "contactNotes", "no waiting"));
    awaitStatus(caseId, CaseStatus.CANCELLED);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId)
        .withRequestBody(matchingJsonPath("$.amount", equalTo("220.0"))));
  }

  @Test
  void aTaskNoRuleOfAnEditedPriorityTableMatchesIsCreatedWithTheTablesLowestNormalPriority() {
    deployOutOfStockWith("task-priority.dmn",
        withoutRules("task-priority.dmn", "Rule_ShortageContact", "Rule_OtherTask"));
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 1);
    ShortageOrders.stockArrivesIn(sku, 10);

    String caseId = report(orderId, sku, 1);
    Instant reported = Instant.now();
    long instance = awaitContactTask(caseId);

    UserTaskRecordValue task = zeebe().openUserTask(instance, CONTACT).orElseThrow();
    assertThat(task.getPriority()).as("Rule_EvidenceReview: the lowest priority of a row for any customer")
        .isEqualTo(50);
    // the engine writes its due date as a ZonedDateTime does: without the seconds when they are zero
    assertThat(OffsetDateTime.parse(task.getDueDate()).toInstant()).isCloseTo(reported.plus(24, ChronoUnit.HOURS),
        within(5, ChronoUnit.MINUTES));
    JsonNode recorded = entry(timeline(caseId), CONTACT, "DECISION");
    assertThat(recorded.path("details").path("decisionId").asText()).isEqualTo("task-priority");
    assertThat(recorded.path("details").path("output").isNull()).isTrue();
    assertThat(recorded.path("details").path("noRule").asText())
        .isEqualTo("No rule decided: the task gets the table's lowest normal priority, "
            + "Rule_EvidenceReview (priority 50, SLA 24 h)");
  }

  private void deployOutOfStockWith(String table, String edited) {
    bindings.deployed(zeebe().deployAllModelsEdited(Map.of(
        table, dmn -> edited,
        // a new version of the process that evaluates the decision, so it is bound to the edited table
        "out-of-stock.bpmn", bpmn -> bpmn + "<!-- deployed with a gap in " + table + " -->\n")));
  }

  private String report(String orderId, String sku, int quantity) {
    Answer answer = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
        "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity));
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.body().path("caseId").asText();
  }

  private long awaitContactTask(String caseId) {
    AfterSalesCase started = awaitCase(caseId, "started", c -> c.getProcessInstanceKey() != null);
    long instance = started.getProcessInstanceKey();
    awaitUserTask(instance, CONTACT);
    return instance;
  }

  private static String variable(long instance, String name) {
    return ApiTest.<VariableRecordValue>engineRecords(ValueType.VARIABLE).stream()
        .map(r -> r.getValue())
        .filter(v -> v.getProcessInstanceKey() == instance && v.getName().equals(name))
        .reduce((first, last) -> last).map(VariableRecordValue::getValue).orElse(null);
  }

  private JsonNode timeline(String caseId) {
    return get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
  }

  private JsonNode decision(String caseId, String decisionId) {
    return StreamSupport.stream(get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/decisions").body()
            .spliterator(), false)
        .filter(d -> d.path("decisionId").asText().equals(decisionId)).findFirst().orElseThrow();
  }
}
