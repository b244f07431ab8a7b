package dev.aftersales.caseview;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.CouponRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.PickingError;
import dev.aftersales.cases.PickingErrorRepository;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.workers.TestCases;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * The read side as channels, agents and auditors see it: JSON shapes, the human tasks from the
 * engine's user-task search (stubbed in the shapes of Camunda's rest-api.yaml), 404s and who may read.
 */
@ExtendWith(OutputCaptureExtension.class)
class CaseViewApiTest extends ApiTest {

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired CouponRepository coupons;
  @Autowired PickingErrorRepository pickingErrors;
  @Autowired DifferencePaymentRepository differencePayments;
  @Autowired Timeline timeline;

  @Test
  void caseShowsDecisionRefundCouponAndGradedLines() {
    String caseId = refundedCase();

    Answer answer = get(TestUser.AGENT, casePath(caseId));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.body();
    assertThat(names(body)).containsExactlyInAnyOrder("caseId", "type", "status", "channel", "orderId", "reason",
        "reasonSource", "decision", "decisionRule", "urgent", "escalated", "trackingNumber", "refund", "coupon",
        "lines", "evidence", "requestedAt", "closedAt", "exchange", "reship", "pickingError", "shortage",
        "orderException", "tasks", "blockedSteps");
    assertThat(body.path("caseId").asText()).isEqualTo(caseId);
    assertThat(body.path("type").asText()).isEqualTo("RETURN");
    assertThat(body.path("status").asText()).isEqualTo("REFUNDED");
    assertThat(body.path("channel").asText()).isEqualTo("TMALL");
    assertThat(body.path("reason").asText()).isEqualTo("QUALITY");
    assertThat(body.path("reasonSource").asText()).isEqualTo("CHANNEL");
    assertThat(body.path("decision").asText()).isEqualTo("EVIDENCE_REVIEW");
    assertThat(body.path("decisionRule").asText()).isEqualTo("Quality issue within 15 days");
    assertThat(body.path("urgent").asBoolean()).isTrue();
    assertThat(body.path("escalated").asBoolean()).isFalse();
    assertThat(body.path("trackingNumber").asText()).isEqualTo("TRK-" + caseId.substring(0, 8));
    assertThat(Instant.parse(body.path("requestedAt").asText())).isBefore(Instant.parse(body.path("closedAt").asText()));

    JsonNode refund = body.path("refund");
    assertThat(names(refund)).containsExactlyInAnyOrder("amount", "status", "linesAmount", "giftDeduction",
        "agentDeduction", "freightCredit", "refundId", "installmentReversed");
    assertThat(refund.path("amount").decimalValue()).isEqualByComparingTo("104.50");
    assertThat(refund.path("status").asText()).isEqualTo("ISSUED");
    assertThat(refund.path("linesAmount").decimalValue()).isEqualByComparingTo("94.50");
    assertThat(refund.path("freightCredit").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(refund.path("refundId").asText()).isEqualTo("RF-1");
    assertThat(refund.path("installmentReversed").asBoolean()).isFalse();

    assertThat(names(body.path("coupon"))).containsExactlyInAnyOrder("amount", "couponId");
    assertThat(body.path("coupon").path("couponId").asText()).isEqualTo("CP-1");

    assertThat(body.path("lines")).hasSize(1);
    JsonNode line = body.path("lines").get(0);
    assertThat(names(line)).containsExactlyInAnyOrder("sku", "quantity", "scannedBarcode", "grade", "disposition",
        "exchangeSku", "receivedSku");
    assertThat(line.path("sku").asText()).isEqualTo("DRESS-M");
    assertThat(line.path("quantity").asInt()).isEqualTo(1);
    assertThat(line.path("scannedBarcode").asText()).isEqualTo("6900001");
    assertThat(line.path("grade").asText()).isEqualTo("LIGHTLY_USED");
    assertThat(line.path("disposition").asText()).isEqualTo("SECOND_HAND");

    assertThat(body.path("evidence")).hasSize(1);
    assertThat(names(body.path("evidence").get(0))).containsExactlyInAnyOrder("url", "kind");
    assertThat(body.path("evidence").get(0).path("kind").asText()).isEqualTo("PHOTO");
  }

  @Test
  void caseShowsItsHumanTasksFromTheUserTaskSearch() {
    long instance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    long taskKey = instance + 44;
    String caseId = caseWithProcess(instance);
    ObjectNode review = UserTaskStubs.task(taskKey, instance, "UserTask_ReviewEvidence", "evidence-review",
        List.of("qc-team", "supervisors"), 90, Instant.parse("2026-11-21T23:31:52.109Z"));
    ObjectNode contact = UserTaskStubs.task(taskKey + 10, instance, "UserTask_ContactCustomer", "customer-contact",
        List.of("customer-service"), 95, Instant.parse("2026-11-21T23:40:00Z"));
    UserTaskStubs.shared().searchOfCaseAnswers(caseId,
        contact, UserTaskStubs.completed(review, "demo", Instant.parse("2026-11-21T23:32:21.454Z")));

    Answer answer = get(TestUser.AGENT, casePath(caseId));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(answer.body().path("tasks")).as("oldest first").hasSize(2);
    JsonNode task = answer.body().path("tasks").get(0);
    assertThat(names(task)).containsExactlyInAnyOrder("taskId", "name", "elementId", "state", "assignee",
        "candidateGroups", "priority", "dueDate", "creationTime", "completionTime");
    assertThat(task.path("taskId").asText()).isEqualTo(String.valueOf(taskKey));
    assertThat(task.path("name").asText()).isEqualTo("ReviewEvidence");
    assertThat(task.path("elementId").asText()).isEqualTo("UserTask_ReviewEvidence");
    assertThat(task.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(task.path("assignee").asText()).isEqualTo("demo");
    assertThat(task.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("qc-team", "supervisors");
    assertThat(task.path("priority").asInt()).isEqualTo(90);
    assertThat(Instant.parse(task.path("creationTime").asText())).isEqualTo("2026-11-21T23:31:52.109Z");
    assertThat(Instant.parse(task.path("dueDate").asText())).isEqualTo("2026-11-22T23:31:52.109Z");
    assertThat(Instant.parse(task.path("completionTime").asText())).isEqualTo("2026-11-21T23:32:21.454Z");
    assertThat(answer.body().path("tasks").get(1).path("state").asText()).isEqualTo("CREATED");
    assertThat(answer.body().path("tasks").get(1).path("completionTime").isNull()).isTrue();
    wireMock().verify(1, UserTaskStubs.searchOfCase(caseId));
  }

  @Test
  void caseIsAnsweredWithTasksNullWhenTheUserTaskSearchFails(CapturedOutput log) {
    long instance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    String caseId = caseWithProcess(instance);
    wireMock().stubFor(WireMock.post(urlEqualTo("/v2/user-tasks/search"))
        .withRequestBody(UserTaskStubs.caseVariable(caseId))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"type\":\"about:blank\",\"title\":\"INTERNAL_ERROR\",\"status\":500,"
                + "\"detail\":\"secondary storage is not available\",\"instance\":\"/v2/user-tasks/search\"}")));

    Answer answer = get(TestUser.AGENT, casePath(caseId));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(answer.body().path("status").asText()).isEqualTo("OPEN");
    assertThat(answer.body().has("tasks")).isTrue();
    assertThat(answer.body().get("tasks").isNull()).isTrue();
    assertThat(log.getOut()).contains("Tasks of case " + caseId + " unknown").contains("HTTP 500");
  }

  @Test
  void caseWithoutProcessHasNoTasksAndTheEngineIsNotAsked() {
    String caseId = openedCase();
    wireMock().resetRequests();

    JsonNode body = get(TestUser.AGENT, casePath(caseId)).body();

    assertThat(body.path("tasks").isArray()).isTrue();
    assertThat(body.path("tasks")).isEmpty();
    wireMock().verify(0, postRequestedFor(urlEqualTo("/v2/user-tasks/search")));
  }

  @Test
  void anExchangeShowsItsReplacementAndTheDifferenceAMisSentItemItsReshipAndPickingError() {
    AfterSalesCase exchange = TestCases.anExchange("DRESS-L-SILK").build();
    exchange.priceSettled(new BigDecimal("40.00"));
    exchange.replacementOrdered("AS-1");
    exchange.replacementShipped("OUT-1");
    cases.save(exchange);
    differencePayments.save(DifferencePayment.planned(exchange.getId(), new BigDecimal("40.00"), exchange.getId() + ":dp")
        .request("PR-1", "https://pay.example/PR-1", Instant.now()).pay("PAY-9", new BigDecimal("40.00"), Instant.now()));
    AfterSalesCase wrongItem = TestCases.aWrongItem("SOCKS-RED").build();
    wrongItem.replacementOrdered("AS-2");
    wrongItem.wrongItemHandlingDecided(new BigDecimal("12.50"), true, "Cheap wrong item stays with the customer");
    cases.save(wrongItem);
    pickingErrors.save(PickingError.recorded(wrongItem.getId(), "WH-SH-01", "DRESS-M",
        wrongItem.getId() + ":picking-error", Instant.now()).answeredWith(PickingErrorStatus.CONFIRMED));

    JsonNode exchanged = get(TestUser.CHANNEL, casePath(exchange.getId())).body();
    JsonNode misSent = get(TestUser.AGENT, casePath(wrongItem.getId())).body();

    assertThat(names(exchanged.path("exchange"))).containsExactlyInAnyOrder("replacementOrderId", "outboundOrderId",
        "priceDifference", "differencePaid", "lateDifferenceRefundId", "lateDifferenceRefundDeclinedAt");
    assertThat(exchanged.path("exchange").path("lateDifferenceRefundId").isNull()).as("paid in time").isTrue();
    assertThat(exchanged.path("exchange").path("replacementOrderId").asText()).isEqualTo("AS-1");
    assertThat(exchanged.path("exchange").path("outboundOrderId").asText()).isEqualTo("OUT-1");
    assertThat(exchanged.path("exchange").path("priceDifference").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(exchanged.path("exchange").path("differencePaid").asBoolean()).isTrue();
    assertThat(exchanged.path("lines").get(0).path("exchangeSku").asText()).isEqualTo("DRESS-L-SILK");
    assertThat(exchanged.get("reship").isNull()).isTrue();
    assertThat(exchanged.get("pickingError").isNull()).isTrue();

    assertThat(misSent.get("exchange").isNull()).isTrue();
    assertThat(names(misSent.path("pickingError"))).containsExactlyInAnyOrder("warehouseId", "sku", "status");
    assertThat(misSent.path("pickingError").path("warehouseId").asText()).isEqualTo("WH-SH-01");
    assertThat(misSent.path("pickingError").path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(misSent.path("reship").path("replacementOrderId").asText()).isEqualTo("AS-2");
    assertThat(misSent.path("reship").path("keepWrongItem").asBoolean()).isTrue();
    assertThat(misSent.path("lines").get(0).path("receivedSku").asText()).isEqualTo("SOCKS-RED");
  }

  @Test
  void freshCaseShowsNullsNotMissingFields() {
    String caseId = openedCase();

    JsonNode body = get(TestUser.CHANNEL, casePath(caseId)).body();

    assertThat(body.path("status").asText()).isEqualTo("OPEN");
    for (String absent : List.of("reason", "decision", "trackingNumber", "refund", "coupon", "closedAt", "exchange",
        "reship", "pickingError", "shortage", "orderException")) {
      assertThat(body.has(absent)).as(absent).isTrue();
      assertThat(body.get(absent).isNull()).as(absent).isTrue();
    }
    assertThat(body.path("lines").get(0).path("grade").isNull()).isTrue();
  }

  @Test
  void timelineListsEntriesOldestFirstWithTheirDetails() {
    String caseId = openedCase();
    timeline.record(caseId, TimelineKind.DECISION, "BusinessRuleTask_DecideReturnEligibility",
        "decide-return-eligibility", "Return eligibility: AUTO_APPROVE",
        Map.of("decisionId", "return-eligibility", "version", 1, "rule", "Unopened within 7 days"));

    Answer answer = get(TestUser.AUDITOR, casePath(caseId) + "/timeline");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().isArray()).isTrue();
    assertThat(answer.body()).hasSize(2);
    JsonNode opened = answer.body().get(0);
    JsonNode decided = answer.body().get(1);
    assertThat(names(opened)).containsExactlyInAnyOrder("time", "kind", "elementId", "actor", "summary", "details");
    assertThat(opened.path("kind").asText()).isEqualTo("STATUS");
    assertThat(opened.path("summary").asText()).isEqualTo("Case opened");
    assertThat(opened.path("actor").asText()).isEqualTo("TMALL");
    assertThat(opened.path("details").path("type").asText()).isEqualTo("RETURN");
    assertThat(decided.path("kind").asText()).isEqualTo("DECISION");
    assertThat(decided.path("elementId").asText()).isEqualTo("BusinessRuleTask_DecideReturnEligibility");
    assertThat(decided.path("details").path("decisionId").asText()).isEqualTo("return-eligibility");
    assertThat(decided.path("details").path("version").asInt()).isEqualTo(1);
    assertThat(Instant.parse(opened.path("time").asText()))
        .isBeforeOrEqualTo(Instant.parse(decided.path("time").asText()));
  }

  @Test
  void unknownCaseIs404Problem() {
    Answer unknownCase = get(TestUser.AGENT, casePath("no-such-case"));
    Answer unknownTimeline = get(TestUser.AGENT, casePath("no-such-case") + "/timeline");

    for (Answer answer : List.of(unknownCase, unknownTimeline)) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.body().path("detail").asText()).contains("no-such-case");
    }
  }

  @Test
  void readersAreChannelsAgentsOwnersAndAuditors() {
    String caseId = openedCase();

    for (TestUser reader : List.of(TestUser.CHANNEL, TestUser.AGENT, TestUser.OWNER, TestUser.AUDITOR)) {
      assertThat(get(reader, casePath(caseId)).status()).as(reader.name()).isEqualTo(200);
      assertThat(get(reader, casePath(caseId) + "/timeline").status()).as(reader.name()).isEqualTo(200);
    }
    assertThat(get(TestUser.WAREHOUSE, casePath(caseId)).status()).isEqualTo(403);
    assertThat(call(null, HttpMethod.GET, casePath(caseId), null).status()).isEqualTo(401);
  }

  @Test
  void auditorChangesNothingAnywhere() {
    String caseId = openedCase();

    for (String path : List.of(ApiPaths.REQUESTS, ApiPaths.RECEIPTS, casePath(caseId), "/api/anything")) {
      assertThat(call(TestUser.AUDITOR, HttpMethod.POST, path, "{}").status()).as(path).isEqualTo(403);
    }
    assertThat(call(TestUser.AUDITOR, HttpMethod.DELETE, casePath(caseId), null).status()).isEqualTo(403);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * A return as intake stores it, without a process instance: the live workers of the test
   * application would otherwise move it on while the test reads it.
   */
  private String openedCase() {
    AfterSalesCase c = TestCases.aReturn().statedReason(Reason.QUALITY).unopened(false)
        .evidence(new Evidence("https://img.example/crack.jpg", EvidenceKind.PHOTO, null)).build();
    cases.save(c);
    timeline.record(c.getId(), TimelineKind.STATUS, null, c.getChannel(), "Case opened", Map.of("type", c.getType()));
    return c.getId();
  }

  /**
   * A case whose process instance key is known but whose instance the test engine does not have, so
   * no live worker touches it: only the user-task stubs know its tasks.
   */
  private String caseWithProcess(long processInstanceKey) {
    String caseId = openedCase();
    cases.linkProcessInstance(caseId, processInstanceKey);
    return caseId;
  }

  /** A case moved along as the workers would have moved it. */
  private String refundedCase() {
    String caseId = openedCase();
    AfterSalesCase c = cases.require(caseId);
    Instant now = Instant.now();
    c.classified(Reason.QUALITY, ReasonSource.CHANNEL, null, "qc-team");
    c.decided(Eligibility.EVIDENCE_REVIEW, "Quality issue within 15 days", 15, false);
    c.markUrgent();
    c.labelCreated("TRK-" + caseId.substring(0, 8), "https://labels.example/1.pdf");
    c.updateLine(0, l -> l.received("6900001", Grade.LIGHTLY_USED).disposed(Disposition.SECOND_HAND, 30));
    c.moveTo(CaseStatus.REFUNDED, now.plusSeconds(1));
    cases.save(c);
    refunds.save(new Refund(caseId, null, new BigDecimal("94.50"), BigDecimal.ZERO.setScale(2),
        BigDecimal.ZERO.setScale(2), new BigDecimal("10.00"), new BigDecimal("104.50"), RefundStatus.CALCULATED,
        caseId + ":refund", null, false, null).issue("RF-1", now));
    coupons.save(Coupon.planned(caseId, new BigDecimal("10.00"), BigDecimal.ZERO.setScale(2), "goodwill",
        caseId + ":coupon").issue("CP-1", now));
    return caseId;
  }

  private static String casePath(String caseId) {
    return ApiPaths.CASES + "/" + caseId;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
