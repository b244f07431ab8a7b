package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.testsupport.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * {@code /v3/api-docs} describes every endpoint of the API with the roles that may call it (as the security chain
 * enforces them) and its problem+json answers, so a client team can build against it alone.
 */
class OpenApiDescriptionTest extends ApiTest {

  /** The API's endpoints (docs/security.md lists them with their roles) and the roles the description must name. */
  private static final List<List<String>> ENDPOINTS = List.of(
      List.of("post", "/api/after-sales/requests", "CHANNEL"),
      List.of("get", "/api/after-sales/cases", "CHANNEL AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/after-sales/cases/{caseId}", "CHANNEL AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/after-sales/cases/{caseId}/timeline", "CHANNEL AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/after-sales/cases/{caseId}/decisions", "CHANNEL AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/after-sales/cases/{caseId}/path", "CHANNEL AGENT PROCESS_OWNER AUDITOR"),
      List.of("post", "/api/after-sales/cases/{caseId}/difference-payments", "CHANNEL"),
      List.of("post", "/api/warehouse/receipts", "WAREHOUSE"),
      List.of("post", "/api/orders/{orderId}/shortages", "CHANNEL WAREHOUSE"),
      List.of("post", "/api/orders/{orderId}/exceptions", "CHANNEL WAREHOUSE"),
      List.of("post", "/api/after-sales/cases/{caseId}/order-payments", "CHANNEL"),
      List.of("post", "/api/stock/arrivals", "WAREHOUSE"),
      List.of("get", "/api/reports/kpis", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/reports/kpis/series", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("post", "/api/decisions/{decisionId}/what-if", "PROCESS_OWNER"),
      List.of("get", "/api/models", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/models/processes/{bpmnProcessId}", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/models/decisions/{decisionId}", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/models/forms/{formId}", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/tasks", "AGENT PROCESS_OWNER AUDITOR"),
      List.of("get", "/api/tasks/{taskKey}", "AGENT"),
      List.of("get", "/api/tasks/{taskKey}", "AGENT"),
      List.of("post", "/api/tasks/{taskKey}/assignment", "AGENT"),
      List.of("post", "/api/tasks/{taskKey}/completion", "AGENT"));

  @Test
  void everyEndpointIsDescribedWithItsRolesAndProblemAnswers() {
    Answer answer = get(TestUser.AUDITOR, "/v3/api-docs");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode paths = answer.body().path("paths");
    SoftAssertions softly = new SoftAssertions();
    for (List<String> endpoint : ENDPOINTS) {
      String what = endpoint.get(0).toUpperCase() + " " + endpoint.get(1);
      JsonNode operation = paths.path(endpoint.get(1)).path(endpoint.get(0));
      softly.assertThat(operation.isMissingNode()).as(what + " described").isFalse();
      softly.assertThat(texts(operation.path("x-roles"))).as(what + " roles")
          .containsExactlyInAnyOrder(endpoint.get(2).split(" "));
      softly.assertThat(operation.path("description").asText()).as(what + " description").contains("Roles: ");
      JsonNode responses = operation.path("responses");
      for (String status : List.of("401", "403")) {
        softly.assertThat(responses.path(status).path("content").has("application/problem+json"))
            .as(what + " " + status).isTrue();
      }
      boolean takesInput = operation.has("requestBody") || operation.path("parameters").size() > 0;
      softly.assertThat(!takesInput || responses.has("400")).as(what + " 400").isTrue();
      softly.assertThat(!endpoint.get(1).contains("{") || responses.has("404")).as(what + " 404").isTrue();
    }
    softly.assertAll();
  }

  @Test
  void theTaskListDescribesTheCaseOfEachTask() {
    JsonNode docs = get(TestUser.AGENT, "/v3/api-docs").body();
    JsonNode content = docs.path("paths").path("/api/tasks").path("get").path("responses").path("200").path("content");
    JsonNode items = content.elements().hasNext() ? content.elements().next().path("schema").path("items")
        : content.path("schema");
    String ref = items.path("$ref").asText();
    JsonNode task = docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));

    assertThat(ref).as("the list's item schema in %s", content).isNotBlank();
    List<String> properties = new ArrayList<>();
    task.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties).contains("taskKey", "processInstanceKey", "caseId", "caseType", "caseStatus", "channel",
        "orderId", "customerTier", "urgent");
  }

  @Test
  void nothingIsDescribedThatTheSecurityChainRefusesEveryone() {
    JsonNode paths = get(TestUser.OWNER, "/v3/api-docs").body().path("paths");

    List<String> unguarded = new ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      if (texts(operation.getValue().path("x-roles")).isEmpty()) {
        unguarded.add(operation.getKey() + " " + path.getKey());
      }
    }));
    assertThat(unguarded).isEmpty();
    assertThat(get(TestUser.OWNER, "/v3/api-docs").body().path("components").path("securitySchemes")
        .path("basicAuth").path("scheme").asText()).isEqualTo("basic");
  }

  @Test
  void theDescriptionAndSwaggerUiNeedAnApiUser() {
    assertThat(call(null, HttpMethod.GET, "/v3/api-docs", null).status()).isEqualTo(401);
    assertThat(get(TestUser.CHANNEL, "/v3/api-docs").status()).isEqualTo(200);
    assertThat(get(TestUser.WAREHOUSE, "/swagger-ui/index.html").status()).isEqualTo(200);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
