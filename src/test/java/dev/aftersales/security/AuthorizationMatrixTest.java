package dev.aftersales.security;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.ProcessTestEngine;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.web.ApiPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Every endpoint × anonymous and every role, and the cross-channel reads and writes, against the
 * tables below, which docs/security.md shows as they are (the test checks that too). Cells:
 * {@code 401}/{@code 403} — that answer; {@code allowed} — neither 401 nor 403 (the request reaches the
 * endpoint, whose own checks may still refuse the body, e.g. 404 for a receipt of an unknown case);
 * {@code own channels} — allowed for a case or order of a channel the user is bound to (a TMALL case for
 * test-channel; the second table shows what another channel gets); {@code open} — no user needed.
 */
class AuthorizationMatrixTest extends ApiTest {

  static final String ROLE_MATRIX = """
      | endpoint | anonymous | CHANNEL | WAREHOUSE | AGENT | PROCESS_OWNER | AUDITOR |
      |---|---|---|---|---|---|---|
      | POST /api/after-sales/requests | 401 | own channels | 403 | 403 | 403 | 403 |
      | GET /api/after-sales/cases | 401 | own channels | 403 | allowed | allowed | allowed |
      | GET /api/after-sales/cases/{caseId} | 401 | own channels | 403 | allowed | allowed | allowed |
      | GET /api/after-sales/cases/{caseId}/timeline | 401 | own channels | 403 | allowed | allowed | allowed |
      | GET /api/after-sales/cases/{caseId}/decisions | 401 | own channels | 403 | allowed | allowed | allowed |
      | GET /api/after-sales/cases/{caseId}/path | 401 | own channels | 403 | allowed | allowed | allowed |
      | POST /api/after-sales/cases/{caseId}/difference-payments | 401 | own channels | 403 | 403 | 403 | 403 |
      | POST /api/warehouse/receipts | 401 | 403 | allowed | 403 | 403 | 403 |
      | POST /api/orders/{orderId}/shortages | 401 | own channels | allowed | 403 | 403 | 403 |
      | POST /api/orders/{orderId}/exceptions | 401 | own channels | allowed | 403 | 403 | 403 |
      | POST /api/after-sales/cases/{caseId}/order-payments | 401 | own channels | 403 | 403 | 403 | 403 |
      | POST /api/stock/arrivals | 401 | 403 | allowed | 403 | 403 | 403 |
      | GET /api/reports/kpis | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/reports/kpis/series | 401 | 403 | 403 | allowed | allowed | allowed |
      | POST /api/decisions/{decisionId}/what-if | 401 | 403 | 403 | 403 | allowed | 403 |
      | GET /api/models | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/models/processes/{bpmnProcessId} | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/models/decisions/{decisionId} | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/models/forms/{formId} | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/tasks | 401 | 403 | 403 | allowed | allowed | allowed |
      | GET /api/tasks/{taskKey} | 401 | 403 | 403 | allowed | 403 | 403 |
      | POST /api/tasks/{taskKey}/assignment | 401 | 403 | 403 | allowed | 403 | 403 |
      | POST /api/tasks/{taskKey}/completion | 401 | 403 | 403 | allowed | 403 | 403 |
      | GET /actuator/health | open | open | open | open | open | open |
      | GET /actuator/metrics | 401 | 403 | 403 | 403 | allowed | allowed |
      | GET /v3/api-docs | 401 | allowed | allowed | allowed | allowed | allowed |
      """;

  /** test-other-channel (bound to OWN_SITE) against a TMALL case and order. */
  static final String CROSS_CHANNEL = """
      | request of a channel user for another channel | answer |
      |---|---|
      | POST /api/after-sales/requests | 403 |
      | GET /api/after-sales/cases/{caseId} | 404 |
      | GET /api/after-sales/cases/{caseId}/timeline | 404 |
      | GET /api/after-sales/cases/{caseId}/decisions | 404 |
      | GET /api/after-sales/cases/{caseId}/path | 404 |
      | POST /api/after-sales/cases/{caseId}/difference-payments | 404 |
      | POST /api/orders/{orderId}/shortages | 403 |
      | POST /api/orders/{orderId}/exceptions | 403 |
      | POST /api/after-sales/cases/{caseId}/order-payments | 404 |
      """;

  /** A user-task key the engine does not know: the agent task API answers 404 after the role check. */
  private static final long UNKNOWN_TASK = 2251799813685999L;
  private static final List<String> COLUMNS =
      List.of("anonymous", "CHANNEL", "WAREHOUSE", "AGENT", "PROCESS_OWNER", "AUDITOR");
  private static final Instant SIGNED = Instant.now().minus(2, ChronoUnit.DAYS);

  @Test
  void everyEndpointAnswersEveryRoleAndAnonymousAsTheTableSays() {
    String caseId = openTmallCase();
    UserTaskStubs.shared().searchAnswers(matching(".*")).doesNotKnow(UNKNOWN_TASK);
    SoftAssertions softly = new SoftAssertions();
    for (List<String> row : rows(ROLE_MATRIX)) {
      String[] endpoint = row.getFirst().split(" ", 2);
      for (int column = 0; column < COLUMNS.size(); column++) {
        TestUser user = user(COLUMNS.get(column));
        String expected = row.get(column + 1);
        Answer answer = call(user, HttpMethod.valueOf(endpoint[0]), concrete(endpoint[1], caseId),
            body(endpoint[1]));
        String what = "%s as %s (%s)".formatted(row.getFirst(), COLUMNS.get(column), answer.body());
        switch (expected) {
          case "401", "403" -> {
            softly.assertThat(answer.status()).as(what).isEqualTo(Integer.parseInt(expected));
            softly.assertThat(answer.contentType()).as(what).isEqualTo("application/problem+json");
          }
          case "allowed", "open" -> softly.assertThat(answer.status()).as(what).isNotIn(401, 403);
          // the user's own channel's case and order exist: a 404 would be the cross-channel answer
          case "own channels" -> softly.assertThat(answer.status()).as(what).isNotIn(401, 403, 404);
          default -> throw new IllegalStateException("unknown cell " + expected);
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void aChannelUserGetsNothingOfAnotherChannelAsTheTableSays() {
    String caseId = openTmallCase();
    SoftAssertions softly = new SoftAssertions();
    for (List<String> row : rows(CROSS_CHANNEL)) {
      String[] endpoint = row.getFirst().split(" ", 2);
      Answer answer = call(TestUser.OTHER_CHANNEL, HttpMethod.valueOf(endpoint[0]), concrete(endpoint[1], caseId),
          body(endpoint[1]));
      softly.assertThat(answer.status()).as(row.getFirst() + " " + answer.body())
          .isEqualTo(Integer.parseInt(row.get(1)));
    }
    softly.assertAll();
  }

  @Test
  void docsSecurityShowsTheseTables() throws IOException {
    String docs = Files.readString(ProcessTestEngine.projectRoot().resolve("docs/security.md"));

    assertThat(docs).contains(ROLE_MATRIX.strip()).contains(CROSS_CHANNEL.strip());
  }

  // ---- the probes -------------------------------------------------------------------------------

  private static TestUser user(String column) {
    return switch (column) {
      case "anonymous" -> null;
      case "PROCESS_OWNER" -> TestUser.OWNER;
      default -> TestUser.valueOf(column);
    };
  }

  /** A TMALL case, opened by test-channel; its order's channel is TMALL too. */
  private String openTmallCase() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, requestBody(orderId));
    assertThat(opened.status()).isEqualTo(201);
    return opened.body().path("caseId").asText();
  }

  /** The path with ids that exist: the TMALL case, a fresh not yet delivered TMALL order. */
  private static String concrete(String path, String caseId) {
    if (path.contains("{orderId}")) {
      String orderId = newId("N");
      OmsStubs.order(orderId, null, "ALIPAY", false);
      return path.replace("{orderId}", orderId);
    }
    if (path.startsWith(ApiPaths.KPIS)) {
      return path + "?from=2026-01-01&to=2026-12-31";
    }
    // an unknown task: the request reaches the agent task API, which answers 404; deployed models by their ids
    return path.replace("{caseId}", caseId).replace("{taskKey}", String.valueOf(UNKNOWN_TASK))
        .replace("{decisionId}", "return-eligibility").replace("{bpmnProcessId}", "return-request")
        .replace("{formId}", "evidence-review");
  }

  /** A body the endpoint accepts, or refuses for business reasons only (never for the caller). */
  private static String body(String path) {
    if (path.equals(ApiPaths.REQUESTS)) {
      String orderId = newId("O");
      OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
      return requestBody(orderId);
    }
    if (path.endsWith("/difference-payments")) {
      return "{\"paymentId\":\"PAY-M\",\"amount\":10.00}";
    }
    if (path.equals(ApiPaths.RECEIPTS)) {
      return "{\"caseId\":\"no-such-case\",\"items\":[{\"sku\":\"SKU-A\",\"barcode\":\"6900001\",\"grade\":\"NEW\"}]}";
    }
    if (path.endsWith("/shortages")) {
      return "{\"sku\":\"SKU-B\",\"quantity\":1}";
    }
    if (path.endsWith("/exceptions")) {
      return "{\"type\":\"PAYMENT_FAILED\"}";
    }
    if (path.endsWith("/order-payments")) {
      return "{\"paymentId\":\"PAY-M\"}";
    }
    if (path.equals(ApiPaths.STOCK_ARRIVALS)) {
      return "{\"sku\":\"SKU-M\",\"quantity\":1,\"warehouseId\":\"WH-M\",\"arrivalId\":\"%s\"}".formatted(newId("A"));
    }
    if (path.endsWith("/assignment")) {
      return "{\"assignee\":\"test-agent\"}";
    }
    if (path.endsWith("/completion")) {
      return "{\"variables\":{}}";
    }
    return null;
  }

  private static String requestBody(String orderId) {
    return """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","reason":"QUALITY",
         "description":"Broken","unopened":false,"lines":[{"sku":"SKU-B","quantity":1}]}"""
        .formatted(newId("R"), orderId);
  }

  /** The rows of a markdown table, without header and separator, each as its trimmed cells. */
  private static List<List<String>> rows(String table) {
    List<List<String>> rows = new ArrayList<>();
    table.strip().lines().skip(2).forEach(line -> {
      String inner = line.strip().substring(1, line.strip().length() - 1);
      rows.add(Arrays.stream(inner.split("\\|")).map(String::strip).toList());
    });
    return rows;
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
