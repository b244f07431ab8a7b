package dev.aftersales.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.ProcessTestEngine;
import dev.aftersales.testsupport.RecordedDecisions;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.workers.TestCases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * {@code POST /api/decisions/{decisionId}/what-if}: a candidate DMN replayed by the standalone DMN engine on the
 * inputs the deployed decision received (evaluated here by the real engine and recorded as the workers record
 * them); never deployed. The deployed table itself changes nothing: the two engines agree.
 */
class WhatIfApiTest extends ApiTest {

  private static final String WHAT_IF = "/api/decisions/return-eligibility/what-if";

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  private String lateUnopened;
  private String recentUnopened;
  private String quality;
  private String deployed;

  @BeforeEach
  void pastDecisions() throws IOException {
    lateUnopened = decided("NO_REASON", 10, true);
    recentUnopened = decided("NO_REASON", 3, true);
    quality = decided("QUALITY", 5, false);
    deployed = Files.readString(ProcessTestEngine.projectRoot().resolve("bpmn/return-eligibility.dmn"));
  }

  @Test
  void aLongerReturnWindowApprovesTheLateUnopenedReturnWithoutItsCouponAndWithItsRefund() throws IOException {
    String thirtyDays = longerStandardWindow(deployed);

    JsonNode answer = postXml(thirtyDays, 200);

    assertThat(answer.path("decisionId").asText()).isEqualTo("return-eligibility");
    assertThat(answer.path("currency").asText()).isEqualTo("CNY");
    assertThat(answer.path("replayed").asInt()).isGreaterThanOrEqualTo(3);
    JsonNode late = caseOf(answer, lateUnopened).orElseThrow();
    assertThat(late.path("oldOutput").path("eligibility").asText()).isEqualTo("AUTO_REJECT");
    assertThat(late.path("newOutput").path("eligibility").asText()).isEqualTo("AUTO_APPROVE");
    assertThat(late.path("oldRules").get(0).path("ruleId").asText()).isEqualTo("Rule_WindowPassed");
    assertThat(late.path("newRules").get(0).path("ruleId").asText()).isEqualTo("Rule_UnopenedNoReason");
    assertThat(late.path("newRules").get(0).path("row").asInt()).isEqualTo(4);
    assertThat(late.path("moneyImpact").path("coupons").decimalValue()).isEqualByComparingTo("-10.00");
    assertThat(late.path("moneyImpact").path("refunds").decimalValue())
        .as("one of two dresses paid 358.00 together").isEqualByComparingTo("179.00");
    assertThat(late.path("inputs").path("facts").path("daysSinceDelivery").asInt()).isEqualTo(10);
    assertThat(caseOf(answer, recentUnopened)).as("decided alike").isEmpty();
    assertThat(caseOf(answer, quality)).as("decided alike").isEmpty();
    assertThat(answer.path("changed").asInt()).isEqualTo(answer.path("cases").size() - answer.path("failed").asInt());
  }

  @Test
  void thePastInputsListedToAProcessOwnerHaveTheCustomersPersonalDataMasked() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    Map<String, Object> inputs = RecordedDecisions.eligibilityInputs("NO_REASON", 12, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = (Map<String, Object>) inputs.get("facts");
    facts.put("customerId", "C-REAL-4711");
    facts.put("phone", "13800138000");
    RecordedDecisions.evaluateAndRecord(timeline, c.getId(), "BusinessRuleTask_DecideReturnEligibility",
        "return-eligibility", inputs);

    JsonNode listed = caseOf(postXml(longerStandardWindow(deployed), 200), c.getId()).orElseThrow();

    assertThat(listed.path("inputs").path("facts").path("customerId").asText()).isEqualTo("***");
    assertThat(listed.path("inputs").path("facts").path("phone").asText()).isEqualTo("***");
    assertThat(listed.path("inputs").path("facts").path("daysSinceDelivery").asInt())
        .as("the facts a policy reads stay readable").isEqualTo(12);
  }

  @Test
  void theDeployedTableReplayedByTheStandaloneEngineChangesNoneOfTheseCases() {
    JsonNode answer = postXml(deployed, 200);

    for (String caseId : List.of(lateUnopened, recentUnopened, quality)) {
      assertThat(caseOf(answer, caseId)).as(caseId).isEmpty();
    }
  }

  @Test
  void theCandidateMayComeAsAFileUpload() {
    String boundary = "whatif" + System.nanoTime();
    byte[] form = ("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"dmn\"; filename=\"return-eligibility.dmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + longerStandardWindow(deployed) + "\r\n"
        + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);

    // as a browser sends a form: with its length
    ResponseEntity<String> answer = client(TestUser.OWNER).post().uri(WHAT_IF)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary)).contentLength(form.length)
        .body(form).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    assertThat(caseOf(read(answer.getBody()), lateUnopened)).isPresent();
  }

  @Test
  void aBrokenOrForeignDmnIsA400NamingTheDmn() {
    JsonNode notXml = postXml("<definitions", 400);
    JsonNode otherDecision = postXml(deployed.replace("id=\"return-eligibility\"", "id=\"something-else\""), 400);
    JsonNode badFeel = postXml(deployed.replace("&lt; facts.daysSinceDelivery", "&lt; (((facts.daysSinceDelivery"), 400);
    JsonNode entity = postXml("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">&x;</definitions>", 400);

    for (JsonNode problem : List.of(notXml, otherDecision, badFeel, entity)) {
      assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("dmn");
    }
    assertThat(otherDecision.path("detail").asText()).contains("return-eligibility");
    assertThat(entity.toString()).doesNotContain("root:");
  }

  @Test
  void onlyAProcessOwnerRunsAWhatIf() {
    for (TestUser user : List.of(TestUser.AGENT, TestUser.AUDITOR, TestUser.CHANNEL, TestUser.WAREHOUSE)) {
      ResponseEntity<String> answer = client(user).post().uri(WHAT_IF).contentType(MediaType.APPLICATION_XML)
          .body(deployed).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
      assertThat(answer.getStatusCode().value()).as(user.name()).isEqualTo(403);
    }
  }

  @Test
  void aBadPeriodIsA400NamingIt() {
    ResponseEntity<String> answer = client(TestUser.OWNER).post().uri(WHAT_IF + "?from=2026-13-01")
        .contentType(MediaType.APPLICATION_XML).body(deployed).retrieve().onStatus(s -> true, (req, res) -> { })
        .toEntity(String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(read(answer.getBody()).path("errors").get(0).path("field").asText()).isEqualTo("from");
  }

  /** The deployed table with the standard no-reason window at 30 days instead of 7: a process owner's edit. */
  static String longerStandardWindow(String dmn) {
    int rule = dmn.indexOf("<rule id=\"Rule_StandardWindow\">");
    int seven = dmn.indexOf("<text>7</text>", rule);
    assertThat(rule).isPositive();
    assertThat(seven).isGreaterThan(rule);
    return dmn.substring(0, seven) + "<text>30</text>" + dmn.substring(seven + "<text>7</text>".length());
  }

  private String decided(String reason, int daysSinceDelivery, boolean unopened) {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    RecordedDecisions.evaluateAndRecord(timeline, c.getId(), "BusinessRuleTask_DecideReturnEligibility",
        "return-eligibility", RecordedDecisions.eligibilityInputs(reason, daysSinceDelivery, unopened));
    return c.getId();
  }

  private JsonNode postXml(String dmn, int expectedStatus) {
    ResponseEntity<String> answer = client(TestUser.OWNER).post().uri(WHAT_IF).contentType(MediaType.APPLICATION_XML)
        .body(dmn).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(expectedStatus);
    if (expectedStatus != 200) {
      assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }
    return read(answer.getBody());
  }

  private static Optional<JsonNode> caseOf(JsonNode answer, String caseId) {
    for (JsonNode c : answer.path("cases")) {
      if (c.path("caseId").asText().equals(caseId)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private RestClient client(TestUser user) {
    return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).baseUrl("http://localhost:" + port)
        .defaultHeaders(h -> h.setBasicAuth(user.username, user.username + "-pw")).build();
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
