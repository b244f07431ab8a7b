package dev.aftersales.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.await;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.TestInfrastructure;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A process owner deploys an edited task-priority table on its own (a new deployment of only that DMN). A case
 * whose process was deployed before keeps the priorities deployed with its process: prioritize-task evaluates
 * the decision key bound to the process's deployment (table decision_binding), not the latest version by id.
 * Proven on the real worker, engine and database: the exception-review task of a case started after the edit
 * (on the process version deployed before it) gets the old priority, while the latest version gives the new one.
 */
class TaskPriorityBindingTest extends ApiTest {

  private static final String REVIEW = "UserTask_ReviewExceptionOrder";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aCaseKeepsTheTaskPriorityDeployedWithItsProcessWhenAnEditedTableIsDeployedAlone() throws IOException {
    String table = Files.readString(Path.of("bpmn", "task-priority.dmn"), StandardCharsets.UTF_8);
    String row = table.substring(table.indexOf("<rule id=\"Rule_ExceptionReview\">"),
        table.indexOf("</rule>", table.indexOf("<rule id=\"Rule_ExceptionReview\">")));
    String edited = row.replaceFirst("<text>70</text>", "<text>15</text>");
    assertThat(edited).as("the exception-review row's priority, edited").isNotEqualTo(row);
    DeploymentEvent dmnOnly = zeebe().client().newDeployResourceCommand()
        .addResourceStringUtf8(table.replace(row, edited), "task-priority.dmn").send().join();
    assertThat(dmnOnly.getProcesses()).as("a deployment of the decision only").isEmpty();
    int editedVersion = dmnOnly.getDecisions().getFirst().getVersion();

    String caseId = tooManyParcelsReported();
    AfterSalesCase started = awaitCase(caseId, "started", c -> c.getProcessInstanceKey() != null);
    long instance = started.getProcessInstanceKey();
    UserTaskRecordValue task = await("the review task of case " + caseId,
        () -> zeebe().openUserTask(instance, REVIEW).orElse(null));

    assertThat(task.getPriority()).as("the priority deployed with the case's process").isEqualTo(70);
    JsonNode prioritized = entry(get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body(),
        REVIEW, "DECISION").path("details");
    assertThat(prioritized.path("decisionId").asText()).isEqualTo(ProcessIds.TASK_PRIORITY);
    assertThat(prioritized.path("binding").asText()).isEqualTo("deployment");
    assertThat(prioritized.path("decisionVersion").asInt()).isLessThan(editedVersion);
    assertThat(prioritized.path("inputs").path("facts").path("customerTier").asText()).isEqualTo("NORMAL");
    // the edit is live: by id, the latest version gives the new priority
    String latest = zeebe().client().newEvaluateDecisionCommand().decisionId(ProcessIds.TASK_PRIORITY)
        .variables(Map.of("taskKind", "exception-review", "facts", Map.of("customerTier", "NORMAL", "urgent", false)))
        .send().join().getDecisionOutput();
    assertThat(JSON.readTree(latest).path("priority").asInt()).isEqualTo(15);
  }

  /** An unshipped order split into 5 parcels: the warehouse team reviews it (exception-review). */
  private String tooManyParcelsReported() {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/hold")), "{}");
    String orderId = "BIND-" + UUID.randomUUID();
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlEqualTo("/oms/orders/" + orderId)).willReturn(okJson("""
        {"orderId":"%s","channel":"DOUYIN","customerId":"C-%s","placedAt":"2026-11-20T02:00:00Z","signedAt":null,
         "promotion":null,"paymentId":"PAY-%s","paymentMethod":"ALIPAY","installmentPlanId":null,
         "freightInsurance":false,"warehouseId":"WH-SH","lines":[
          {"sku":"LAMP-1","name":"Desk lamp","quantity":2,"unitPrice":60.00,"paidAmount":110.00,"gift":false}]}"""
        .formatted(orderId, orderId, orderId))));
    Answer answer = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions",
        "{\"type\":\"TOO_MANY_PARCELS\",\"details\":{\"parcels\":5}}");
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.body().path("caseId").asText();
  }
}
