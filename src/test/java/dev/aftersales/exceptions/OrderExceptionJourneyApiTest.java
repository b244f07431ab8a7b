package dev.aftersales.exceptions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.aftersales.testsupport.Sandbox.await;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.payments.PaymentReports;
import dev.aftersales.process.Messages;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exception orders as their users live them, through the REST API with the real workers against WireMock
 * and MariaDB: the order platform reports an order that cannot be released, the case holds it, an agent or
 * the rules resolve it, and the order is held once and released or cancelled once, with what was paid
 * refunded once — whatever is retried or reported twice.
 */
class OrderExceptionJourneyApiTest extends ApiTest {

  private static final String REVIEW = "UserTask_ReviewExceptionOrder";
  /** Finance's task when the provider declined a late payment's refund (bpmn/late-payment-refund.bpmn). */
  private static final String ARRANGE_MANUAL_REFUND = "UserTask_ArrangeManualRefund";

  @Autowired JdbcClient jdbc;
  @Autowired CaseRepository cases;
  @Autowired OrderExceptionRepository exceptions;
  @Autowired PaymentReports paymentReports;

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/hold")), "{}");
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/release")), "{}");
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/cancellation")),
        "{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/payments/payment-requests")),
        "{\"paymentRequestId\":\"PR-{{jsonPath request.body '$.idempotencyKey'}}\",\"payUrl\":\"https://pay.example/{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
  }

  @Test
  void aBlacklistedCustomersOrderCancelledByTheRiskReviewIsHeldCancelledAndRefundedOnce() {
    String orderId = order("WECHAT", "358.00");
    payment("PAY-" + orderId, "SUCCEEDED", "358.00");
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlPathMatching("/risk/customers/.*"))
        .willReturn(okJson("{\"blacklisted\":true,\"reason\":\"chargeback fraud\"}")));

    String caseId = report(orderId, "{\"type\":\"BLACKLISTED_CUSTOMER\",\"details\":{\"note\":\"flagged at checkout\"}}", 201);
    long instance = awaitReviewTask(caseId);
    // reported again while open: the same case
    assertThat(report(orderId, "{\"type\":\"BLACKLISTED_CUSTOMER\"}", 200)).isEqualTo(caseId);
    assertThat(zeebe().requireOpenUserTask(instance, REVIEW).getCandidateGroupsList()).containsExactly("risk-team");
    zeebe().completeUserTask(instance, REVIEW, Map.of("exceptionDecision", "CANCEL", "reviewNotes", "fraud confirmed"));

    awaitStatus(caseId, CaseStatus.CANCELLED);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/hold"))
        .withHeader("Idempotency-Key", equalTo(caseId + ":hold"))
        .withRequestBody(matchingJsonPath("$.reason", equalTo("BLACKLISTED_CUSTOMER"))));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation"))
        .withHeader("Idempotency-Key", equalTo(caseId + ":cancellation"))
        .withRequestBody(equalToJson("""
            {"lines": [{"sku": "LAMP-1", "quantity": 2}, {"sku": "TEA-BOX", "quantity": 1}],
             "reason": "EXCEPTION_REVIEW_CANCELLED"}""", false, true)));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId)
        .withRequestBody(matchingJsonPath("$.amount", equalTo("358.0")))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":refund"))));

    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("type").asText()).isEqualTo("ORDER_EXCEPTION");
    assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("358.00");
    assertThat(view.path("orderException").path("exceptionType").asText()).isEqualTo("BLACKLISTED_CUSTOMER");
    assertThat(view.path("orderException").path("cancellationId").asText()).isEqualTo("CX-" + caseId);
    assertThat(view.path("orderException").path("riskReason").asText()).isEqualTo("chargeback fraud");
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(entry(timeline, "BusinessRuleTask_DecideExceptionHandling", "DECISION").path("details")
        .path("decisionId").asText()).isEqualTo("exception-handling");
    assertThat(entry(timeline, "ServiceTask_RecordExceptionReview", "HUMAN_TASK").path("details")
        .path("formData").path("exceptionDecision").asText()).isEqualTo("CANCEL");
    // resolved: a new report of the same order and type is a new case
    String again = report(orderId, "{\"type\":\"BLACKLISTED_CUSTOMER\"}", 201);
    assertThat(again).isNotEqualTo(caseId);
  }

  @Test
  void aCashOnDeliveryOrderWithinTheLimitIsReleasedOnceWhileTheHoldIsRetriedWithTheSameKey() {
    String orderId = order("CASH_ON_DELIVERY", "358.00");
    // the order platform fails the first hold: the job is retried with the same key
    TestInfrastructure.wireMock().stubFor(WireMock.post(urlEqualTo("/oms/orders/" + orderId + "/hold"))
        .inScenario("hold-" + orderId).whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    TestInfrastructure.wireMock().stubFor(WireMock.post(urlEqualTo("/oms/orders/" + orderId + "/hold"))
        .inScenario("hold-" + orderId).whenScenarioStateIs("up").willReturn(okJson("{}")));

    String caseId = report(orderId, "{\"type\":\"CASH_ON_DELIVERY\"}", 201);

    awaitStatus(caseId, CaseStatus.RELEASED);
    wireMock().verify(2, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/hold"))
        .withHeader("Idempotency-Key", equalTo(caseId + ":hold")));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release"))
        .withHeader("Idempotency-Key", equalTo(caseId + ":release")));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation")));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
        .withRequestBody(matchingJsonPath("$.template", equalTo("ORDER_RELEASED"))));
  }

  @Test
  void aFailedPaymentPaidThroughThePayLinkReleasesTheOrderOnceWhateverTheChannelReportsTwice() {
    String orderId = order("ALIPAY", "358.00");
    String paymentId = "PAY-LINK-" + orderId;
    payment(paymentId, "SUCCEEDED", "358.00");

    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/payment-requests")), caseId)
        .withRequestBody(matchingJsonPath("$.amount", equalTo("358.0"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
        .withRequestBody(matchingJsonPath("$.template", equalTo("ORDER_PAY_LINK")))
        .withRequestBody(matchingJsonPath("$.params.payUrl", equalTo("https://pay.example/" + caseId + ":order-payment"))));

    String body = "{\"paymentId\":\"%s\"}".formatted(paymentId);
    assertThat(post(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId + "/order-payments", body).status()).isEqualTo(202);
    assertThat(post(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId + "/order-payments", body).status()).isEqualTo(202);

    awaitStatus(caseId, CaseStatus.RELEASED);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation")));
    assertThat(post(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId + "/order-payments",
        "{\"paymentId\":\"ANOTHER-" + orderId + "\"}").status()).as("a second payment").isEqualTo(409);
  }

  /**
   * The payment is reported while a worker saves the same case (here: between the API's read of the case and its
   * write, while the provider is asked about the payment). The API's write loses that race and stored nothing;
   * it takes the payment again on the case as it now is, instead of answering the channel 409.
   */
  @Test
  void aPaymentReportedWhileTheCaseChangesIsTakenNotRefused() throws Exception {
    String orderId = order("ALIPAY", "358.00");
    String paymentId = "PAY-LINK-" + orderId;
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlEqualTo("/payments/" + paymentId)).willReturn(okJson(
        "{\"paymentId\":\"%s\",\"status\":\"SUCCEEDED\",\"amount\":358.00}".formatted(paymentId))
        .withFixedDelay(1_500)));
    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);

    CompletableFuture<Answer> reported = CompletableFuture.supplyAsync(() -> post(TestUser.CHANNEL,
        "/api/after-sales/cases/" + caseId + "/order-payments", "{\"paymentId\":\"%s\"}".formatted(paymentId)));
    await("the provider asked about payment " + paymentId, () -> wireMock()
        .findAll(getRequestedFor(urlEqualTo("/payments/" + paymentId))).isEmpty() ? null : Boolean.TRUE);
    AfterSalesCase meanwhile = cases.require(caseId);
    meanwhile.touch(meanwhile.getUpdatedAt().plusMillis(1));
    cases.save(meanwhile);
    Answer answer = reported.get(30, TimeUnit.SECONDS);

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
    wireMock().verify(2, getRequestedFor(urlEqualTo("/payments/" + paymentId)));
    awaitStatus(caseId, CaseStatus.RELEASED);
    assertThat(exceptions.require(caseId).paidPaymentId()).isEqualTo(paymentId);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
  }

  @Test
  void aPaymentAfterTheDeadlinesCancellationIsRefundedExactlyOnceHoweverOftenTheChannelReportsIt() {
    String orderId = order("ALIPAY", "358.00");
    payment("PAY-" + orderId, "FAILED", "358.00");
    String paymentId = "PAY-LINK-" + orderId;
    payment(paymentId, "SUCCEEDED", "358.00");
    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);

    zeebe().increaseTime(Duration.ofHours(24));
    awaitStatus(caseId, CaseStatus.CANCELLED);
    String body = "{\"paymentId\":\"%s\"}".formatted(paymentId);
    Answer late = post(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId + "/order-payments", body);
    Answer again = post(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId + "/order-payments", body);

    assertThat(late.status()).as(late.body().toString()).isEqualTo(202);
    assertThat(again.status()).as(again.body().toString()).isEqualTo(202);
    String key = caseId + ":late-payment-refund";
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "%s", "amount": 358.00, "currency": "CNY", "idempotencyKey": "%s"}""".formatted(paymentId, key))));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation"))
        .withRequestBody(matchingJsonPath("$.reason", equalTo("PAYMENT_DEADLINE_PASSED"))));
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(view.path("orderException").path("paidAfterCancellation").asBoolean()).isTrue();
    assertThat(view.path("orderException").path("latePaymentRefundId").asText()).isEqualTo("RF-" + key);
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(entry(timeline, "IntermediateCatchEvent_OrderPaid", "MESSAGE").path("summary").asText())
        .isEqualTo("Order paid after it was cancelled: refunded");
    assertThat(entry(timeline, "IntermediateCatchEvent_OrderPaid", "EXTERNAL_CALL").path("details")
        .path("idempotencyKey").asText()).isEqualTo(key);
  }

  /**
   * The application stopped between the pay-link payment's commit and its message, and the channel never reported it
   * again: the payment retry tells the waiting process before the deadline, and the order is released, not cancelled
   * and refunded.
   */
  @Test
  void aPaymentStoredWithoutItsMessageIsToldByTheRetryAndTheOrderReleased() {
    String orderId = order("ALIPAY", "358.00");
    payment("PAY-" + orderId, "FAILED", "358.00");
    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);
    Instant longAgo = Instant.parse("2001-02-03T00:00:00Z").plusSeconds(Math.abs(caseId.hashCode() % 86_400));
    exceptions.save(exceptions.require(caseId).paid("PAY-CRASH-" + orderId, new BigDecimal("358.00"), longAgo));

    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).containsExactly(caseId);

    awaitStatus(caseId, CaseStatus.RELEASED);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation")));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(entry(timeline, "IntermediateCatchEvent_OrderPaid", "MESSAGE").path("actor").asText())
        .isEqualTo(PaymentReports.RETRY_ACTOR);
    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).as("handed on: not the retry's any more").isEmpty();
  }

  @Test
  void aPaymentStoredJustBeforeTheDeadlineThatTheProcessDidNotTakeIsRefundedOnceWhenTheOrderIsCancelled() {
    String orderId = order("ALIPAY", "358.00");
    payment("PAY-" + orderId, "FAILED", "358.00");
    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);
    // The channel's report was stored, but its message never reached the process (the engine was away).
    exceptions.save(exceptions.require(caseId).paid("PAY-RACE-" + orderId, new BigDecimal("358.00"), Instant.now()));

    zeebe().increaseTime(Duration.ofHours(24));
    AfterSalesCase refunded = awaitCase(caseId, "the late payment refunded",
        k -> exceptions.require(k.getId()).lateRefundId() != null);

    String key = caseId + ":late-payment-refund";
    assertThat(refunded.getStatus()).isNotEqualTo(CaseStatus.RELEASED);
    assertThat(exceptions.require(caseId).lateRefundId()).isEqualTo("RF-" + key);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "PAY-RACE-%s", "amount": 358.00, "idempotencyKey": "%s"}""".formatted(orderId, key), true, true)));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
  }

  /**
   * A pay-link payment stored just before the deadline that the process did not take, whose refund the provider
   * declines when the order is cancelled: the cancellation completes and hands the payment to finance (one
   * late-payment-refund instance); finance's refund by hand is what the case shows, and the provider is asked once.
   */
  @Test
  void aLatePaymentWhoseRefundIsDeclinedAtTheCancellationIsHandedToFinanceWhoRefundsItByHand() {
    String orderId = order("ALIPAY", "358.00");
    payment("PAY-" + orderId, "FAILED", "358.00");
    String caseId = report(orderId, "{\"type\":\"PAYMENT_FAILED\"}", 201);
    awaitCase(caseId, "with a pay link", c -> exceptions.require(c.getId()).payUrl() != null);
    await("the wait for the payment of case " + caseId, () -> correlations(caseId) ? Boolean.TRUE : null);
    exceptions.save(exceptions.require(caseId).paid("PAY-DECLINED-" + orderId, new BigDecimal("358.00"), Instant.now()));
    String key = caseId + ":late-payment-refund";
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(key)))
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
            .withBody("{\"reason\": \"payer account closed\"}")));

    zeebe().increaseTime(Duration.ofHours(24));
    awaitCase(caseId, "the late payment handed to finance", k -> exceptions.require(k.getId()).lateRefundWithFinance());

    awaitStatus(caseId, CaseStatus.CANCELLED);
    List<Long> handOver = instancesStartedBy(Messages.LATE_PAYMENT_REFUND_DECLINED, caseId);
    assertThat(handOver).hasSize(1);
    awaitUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND);
    zeebe().completeUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND, Map.of("manualRefundReference", "BT-77"));
    awaitCase(caseId, "finance's refund recorded", k -> "manual:BT-77".equals(exceptions.require(k.getId()).lateRefundId()));

    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(view.path("orderException").path("latePaymentRefundId").asText()).isEqualTo("manual:BT-77");
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(StreamSupport.stream(timeline.spliterator(), false)
        .filter(e -> "DECLINED".equals(e.path("details").path("outcome").asText()))
        .map(e -> e.path("details").path("idempotencyKey").asText())).containsExactly(key);
  }

  @Test
  void anIncompleteAddressCompletedWithConfidenceIsReleasedAndTheAddressStaysOutOfTheTimeline() {
    String orderId = order("WECHAT", "358.00");
    TestInfrastructure.wireMock().stubFor(WireMock.post(urlEqualTo("/address/normalization"))
        .withRequestBody(matchingJsonPath("$.address", equalTo("浦东新区 世纪大道 100号")))
        .willReturn(okJson("{\"normalized\":\"上海市浦东新区世纪大道100号\",\"confidence\":0.95}")));

    String caseId = report(orderId,
        "{\"type\":\"ADDRESS_INCOMPLETE\",\"details\":{\"address\":\"浦东新区 世纪大道 100号\"}}", 201);

    AfterSalesCase released = awaitStatus(caseId, CaseStatus.RELEASED);
    assertThat(exceptions.require(caseId).normalizedAddress()).isEqualTo("上海市浦东新区世纪大道100号");
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/release")));
    String timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body().toString();
    assertThat(timeline).doesNotContain("世纪大道");
    assertThat(StreamSupport.stream(zeebe().records().variableRecords().spliterator(), false)
        .filter(r -> r.getValue().getProcessInstanceKey() == released.getProcessInstanceKey())
        .map(r -> r.getValue().getValue())).isNotEmpty().noneMatch(value -> value.contains("世纪大道"));
  }

  @Test
  void aRejectedReportStoresNothingAndNamesTheBadFields() {
    String orderId = order("WECHAT", "358.00");
    Answer missing = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions",
        "{\"type\":\"ADDRESS_INCOMPLETE\",\"details\":{\"parcels\":0}}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(missing)).contains("details.address", "details.parcels");
    Answer unknownType = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions", "{\"type\":\"LOST\"}");
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(errorFields(unknownType)).contains("type");
    Answer notCod = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions", "{\"type\":\"CASH_ON_DELIVERY\"}");
    assertThat(notCod.status()).isEqualTo(422);
    String unknownOrder = "O-" + UUID.randomUUID();
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlPathEqualTo("/oms/orders/" + unknownOrder))
        .willReturn(aResponse().withStatus(404)));
    assertThat(post(TestUser.WAREHOUSE, "/api/orders/" + unknownOrder + "/exceptions",
        "{\"type\":\"PAYMENT_FAILED\"}").status()).isEqualTo(422);
    assertThat(post(TestUser.OTHER_CHANNEL, "/api/orders/" + orderId + "/exceptions",
        "{\"type\":\"PAYMENT_FAILED\"}").status()).as("another channel's order").isEqualTo(403);

    assertThat(jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE order_id IN (:a, :b)")
        .param("a", orderId).param("b", unknownOrder).query(Long.class).single()).isZero();
  }

  @Test
  void anOutOfStockExceptionIsTheOutOfStockCaseOfTheLineNotASecondCase() {
    String orderId = order("WECHAT", "358.00");
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlEqualTo("/wms/stock/LAMP-1?warehouseId=WH-SH"))
        .willReturn(okJson("{\"available\":5,\"nextArrivalDate\":null}")));
    stub(WireMock.post(urlEqualTo("/wms/outbound-orders")), "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}");

    String caseId = report(orderId, "{\"type\":\"OUT_OF_STOCK\",\"details\":{\"sku\":\"LAMP-1\",\"quantity\":1}}", 201);
    Answer shortage = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages", "{\"sku\":\"LAMP-1\",\"quantity\":1}");

    assertThat(shortage.status()).isEqualTo(200);
    assertThat(shortage.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body().path("type").asText())
        .isEqualTo("OUT_OF_STOCK");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE order_id = :o").param("o", orderId)
        .query(Long.class).single()).isEqualTo(1);
  }

  // ---- the surrounding systems and the API --------------------------------------------------------------

  /** An unshipped DOUYIN order from WH-SH: 2 × LAMP-1 (paid 110.00) and a tea box (paid 248.00). */
  static String order(String paymentMethod, String paid) {
    String orderId = "EX-" + UUID.randomUUID();
    TestInfrastructure.wireMock().stubFor(WireMock.get("/oms/orders/" + orderId).willReturn(okJson("""
        {"orderId":"%s","channel":"DOUYIN","customerId":"C-%s","placedAt":"2026-11-20T02:00:00Z","signedAt":null,
         "promotion":null,"paymentId":"PAY-%s","paymentMethod":"%s","installmentPlanId":null,
         "freightInsurance":false,"warehouseId":"WH-SH","lines":[
          {"sku":"LAMP-1","name":"Desk lamp","quantity":2,"unitPrice":60.00,"paidAmount":110.00,"gift":false},
          {"sku":"TEA-BOX","name":"Tea gift box","quantity":1,"unitPrice":268.00,"paidAmount":248.00,"gift":false}]}"""
        .formatted(orderId, orderId, orderId, paymentMethod))));
    assertThat(paid).isEqualTo("358.00"); // the lines above
    return orderId;
  }

  private static void payment(String paymentId, String status, String amount) {
    TestInfrastructure.wireMock().stubFor(WireMock.get(urlEqualTo("/payments/" + paymentId)).willReturn(okJson(
        "{\"paymentId\":\"%s\",\"status\":\"%s\",\"amount\":%s}".formatted(paymentId, status, amount))));
  }

  private String report(String orderId, String body, int expectedStatus) {
    Answer answer = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions", body);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(expectedStatus);
    return answer.body().path("caseId").asText();
  }

  private long awaitReviewTask(String caseId) {
    AfterSalesCase started = awaitCase(caseId, "started", c -> c.getProcessInstanceKey() != null);
    long instance = started.getProcessInstanceKey();
    await("the exception-review task of case " + caseId, () -> zeebe().openUserTask(instance, REVIEW).orElse(null));
    return instance;
  }

  /** Whether the case's process waits for order-paid. */
  private boolean correlations(String caseId) {
    return StreamSupport.stream(zeebe().records().messageSubscriptionRecords().spliterator(), false)
        .anyMatch(r -> caseId.equals(r.getValue().getCorrelationKey())
            && "order-paid".equals(r.getValue().getMessageName()));
  }
}
