package dev.aftersales.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A CHANNEL user is bound to its channels (aftersales.security.users[n].channels, docs/security.md):
 * test-channel acts for TMALL, JD and DOUYIN, test-other-channel for OWN_SITE only.
 */
class ChannelIsolationApiTest extends ApiTest {

  private static final Instant SIGNED = Instant.now().minus(2, ChronoUnit.DAYS);

  @Autowired JdbcClient jdbc;
  @Autowired Timeline timeline;

  @Test
  void aChannelUserCannotOpenCasesForAChannelItIsNotBoundTo() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    Answer answer = post(TestUser.OTHER_CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFieldsOf(answer)).containsExactly("channel");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE order_id = :o").param("o", orderId)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aChannelUserReadsOnlyTheCasesOfItsChannelsAndAnotherChannelsCaseIs404() {
    String caseId = openCase();

    assertThat(get(TestUser.CHANNEL, casePath(caseId)).status()).isEqualTo(200);
    assertThat(get(TestUser.CHANNEL, casePath(caseId) + "/timeline").status()).isEqualTo(200);
    Answer foreignCase = get(TestUser.OTHER_CHANNEL, casePath(caseId));
    Answer foreignTimeline = get(TestUser.OTHER_CHANNEL, casePath(caseId) + "/timeline");
    Answer unknown = get(TestUser.OTHER_CHANNEL, casePath("no-such-case"));

    // the same answer as for an unknown id: another channel cannot even learn that the case exists
    assertThat(foreignCase.status()).isEqualTo(404);
    assertThat(foreignTimeline.status()).isEqualTo(404);
    assertThat(foreignCase.body().path("title")).isEqualTo(unknown.body().path("title"));
  }

  @Test
  void aChannelUserCannotReportADifferencePaymentOnAnotherChannelsCase() {
    String caseId = openCase();

    Answer answer = post(TestUser.OTHER_CHANNEL, casePath(caseId) + "/difference-payments",
        "{\"paymentId\":\"PAY-X\",\"amount\":10.00}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(timeline.of(caseId)).noneMatch(e -> e.actor().equals(TestUser.OTHER_CHANNEL.username));
  }

  @Test
  void theAuditActorIsTheAuthenticatedUserNeverTheChannelInTheBody() {
    String caseId = openCase();

    assertThat(timeline.of(caseId).getFirst().actor()).isEqualTo(TestUser.CHANNEL.username);
  }

  @Test
  void customerPersonalDataInTheTimelineIsMaskedForEveryRoleButAgents() {
    String caseId = openCase();
    timeline.record(caseId, TimelineKind.EXTERNAL_CALL, null, "notify-customer", "Notifications send", Map.of(
        "request", Map.of("customerId", "C-SECRET", "template", "PAY_DIFFERENCE",
            "params", Map.of("payUrl", "https://pay.example/secret", "amount", "12.00")),
        "idempotencyKey", caseId + ":notify"));

    JsonNode agent = lastDetails(TestUser.AGENT, caseId);
    assertThat(agent.path("request").path("customerId").asText()).isEqualTo("C-SECRET");
    assertThat(agent.path("request").path("params").path("payUrl").asText()).isEqualTo("https://pay.example/secret");
    for (TestUser masked : List.of(TestUser.AUDITOR, TestUser.OWNER, TestUser.CHANNEL)) {
      JsonNode details = lastDetails(masked, caseId);
      assertThat(details.path("request").path("customerId").asText()).as(masked.name()).isEqualTo("***");
      assertThat(details.path("request").path("params").path("payUrl").asText()).as(masked.name()).isEqualTo("***");
      // what an auditor needs stays: the idempotency key and the call's other facts
      assertThat(details.path("idempotencyKey").asText()).isEqualTo(caseId + ":notify");
      assertThat(details.path("request").path("params").path("amount").asText()).isEqualTo("12.00");
    }
  }

  private JsonNode lastDetails(TestUser user, String caseId) {
    Answer answer = get(user, casePath(caseId) + "/timeline");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode entries = answer.body();
    for (int i = entries.size() - 1; i >= 0; i--) {
      if ("Notifications send".equals(entries.get(i).path("summary").asText())) {
        return entries.get(i).path("details");
      }
    }
    throw new AssertionError("no notification entry in " + entries);
  }

  private String openCase() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));
    assertThat(opened.status()).isEqualTo(201);
    return opened.body().path("caseId").asText();
  }

  private static List<String> errorFieldsOf(Answer answer) {
    return answer.body().path("errors").findValuesAsText("field");
  }

  private static String casePath(String caseId) {
    return ApiPaths.CASES + "/" + caseId;
  }

  static String request(String channelRequestId, String orderId) {
    return """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","reason":"QUALITY",
         "description":"Broken","unopened":false,"lines":[{"sku":"SKU-B","quantity":1}]}"""
        .formatted(channelRequestId, orderId);
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
