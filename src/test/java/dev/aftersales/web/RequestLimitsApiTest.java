package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.testsupport.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The limits every POST endpoint enforces (docs/security.md), over HTTP with the real converters. */
class RequestLimitsApiTest extends ApiTest {

  /** Every POST endpoint with the user allowed to call it. */
  private static final Map<String, TestUser> POST_ENDPOINTS = Map.of(
      ApiPaths.REQUESTS, TestUser.CHANNEL,
      "/api/after-sales/cases/no-such-case/difference-payments", TestUser.CHANNEL,
      ApiPaths.RECEIPTS, TestUser.WAREHOUSE,
      "/api/orders/O-LIMITS/shortages", TestUser.WAREHOUSE,
      ApiPaths.STOCK_ARRIVALS, TestUser.WAREHOUSE);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @Test
  void aBodyOver64KiBIsRefused413ProblemOnEveryPostEndpoint() throws Exception {
    String big = "{\"description\":\"" + "x".repeat(64 * 1024) + "\"}";
    long casesBefore = caseCount();
    for (Map.Entry<String, TestUser> endpoint : POST_ENDPOINTS.entrySet()) {
      Answer answer = post(endpoint.getValue(), endpoint.getKey(), big);

      assertThat(answer.status()).as(endpoint.getKey()).isEqualTo(413);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.body().path("errors").findValuesAsText("field")).containsExactly("body");
    }
    // sent without a length (chunked), it is read up to the limit and refused just the same
    HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
            .uri(URI.create("http://localhost:" + port + ApiPaths.REQUESTS))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "test-channel:test-channel-pw".getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(json.readTree(chunked.body()).path("errors").get(0).path("field").asText()).isEqualTo("body");
    assertThat(caseCount()).isEqualTo(casesBefore);
  }

  @Test
  void aRequestBeyondTheLimitsIs400NamingEachField() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      lines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(i).append("\",\"quantity\":1}");
    }
    StringBuilder evidence = new StringBuilder();
    for (int i = 0; i < 21; i++) {
      evidence.append(i == 0 ? "" : ",").append("{\"url\":\"https://img.example/").append(i).append(".jpg\",\"kind\":\"PHOTO\"}");
    }
    Answer tooMany = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(
        "\"description\":\"" + "说".repeat(2001) + "\",\"lines\":[" + lines + "],\"evidence\":[" + evidence + "]"));
    Answer quantities = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(
        "\"lines\":[{\"sku\":\"SKU-A\",\"quantity\":10000},{\"sku\":\"SKU-B\",\"quantity\":0},{\"sku\":\"SKU-A\",\"quantity\":1}]"));

    assertThat(errorFields(tooMany)).contains("description", "lines", "evidence");
    assertThat(errorFields(quantities)).containsExactlyInAnyOrder(
        "lines[0].quantity", "lines[1].quantity", "lines[2].sku");
  }

  @Test
  void aQuantityIsAWholeJsonNumberAndABooleanIsTrueOrFalse() {
    for (String quantity : List.of("1.9", "\"2\"", "true", "1e3", "99999999999", "[1]", "{}")) {
      Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
          request("\"lines\":[{\"sku\":\"SKU-A\",\"quantity\":" + quantity + "}]"));

      assertThat(answer.status()).as(quantity).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(errorFields(answer)).as(quantity).containsExactly("lines[0].quantity");
    }
    Answer unopened = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
        request("\"unopened\":\"true\",\"lines\":[{\"sku\":\"SKU-A\",\"quantity\":1}]"));
    assertThat(errorFields(unopened)).containsExactly("unopened");
    Answer arrival = post(TestUser.WAREHOUSE, ApiPaths.STOCK_ARRIVALS,
        "{\"sku\":\"SKU-A\",\"quantity\":\"5\",\"warehouseId\":\"WH-SH\",\"arrivalId\":\"A-1\"}");
    assertThat(errorFields(arrival)).containsExactly("quantity");
    Answer amount = post(TestUser.CHANNEL, "/api/after-sales/cases/no-such-case/difference-payments",
        "{\"paymentId\":\"PAY-1\",\"amount\":\"12.50\"}");
    assertThat(errorFields(amount)).containsExactly("amount");
  }

  @Test
  void aBodyThatIsNotAJsonObjectNamesTheBody() {
    for (String body : List.of("{", "[]", "\"text\"", "{\"lines\":[{\"sku\":\"A\",\"quantity\":1}]} trailing")) {
      Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, body);

      assertThat(answer.status()).as(body).isEqualTo(400);
      JsonNode errors = answer.body().path("errors");
      assertThat(errors.findValuesAsText("field")).as(body).isNotEmpty();
    }
  }

  private static String request(String rest) {
    return "{\"channel\":\"TMALL\",\"channelRequestId\":\"LIMITS-1\",\"orderId\":\"O-LIMITS\",\"type\":\"RETURN\","
        + "\"reason\":\"NO_REASON\"," + rest + "}";
  }

  private long caseCount() {
    return jdbc.sql("SELECT COUNT(*) FROM after_sales_case").query(Long.class).single();
  }
}
