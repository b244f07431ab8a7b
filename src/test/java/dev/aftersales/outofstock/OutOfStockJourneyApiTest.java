package dev.aftersales.outofstock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.await;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Shortage.BackorderStatus;
import dev.aftersales.process.Messages;
import dev.aftersales.testsupport.ApiTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Out-of-stock cases as their users live them, through the REST API with the real workers: the
 * warehouse reports lines that cannot ship and stock that arrives, an agent records the customer's
 * choice in the contact task, and each cancellation, refund, new order and shipment happens once.
 */
class OutOfStockJourneyApiTest extends ApiTest {

  private static final String CONTACT = "UserTask_ContactCustomerAboutShortage";

  @Autowired StockArrivalService arrivals;
  @Autowired CaseRepository cases;
  @Autowired ShortageRepository shortages;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/cancellation")),
        "{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlEqualTo("/oms/orders")), "{\"orderId\":\"AS-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/wms/outbound-orders")),
        "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}");
  }

  @Test
  void aCustomerWhoCancelsGetsTheLineCancelledAndRefundedInFullOnce() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 2);
    ShortageOrders.stockArrivesIn(sku, 10); // beyond the 3-day promise: the customer is asked

    String caseId = report(orderId, sku, 2);
    long instance = awaitContactTask(caseId);
    zeebe().completeUserTask(instance, CONTACT, Map.of("customerAnswer", "CANCEL",
        "contactNotes", "bought it elsewhere"));

    awaitStatus(caseId, CaseStatus.CANCELLED);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation"))
        .withHeader("Idempotency-Key", equalTo(caseId + ":cancellation"))
        .withRequestBody(equalToJson("""
            {"lines": [{"sku": "%s", "quantity": 2}], "reason": "CUSTOMER_CANCELLED"}""".formatted(sku), false, true)));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId)
        .withRequestBody(matchingJsonPath("$.amount", equalTo("220.0")))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":refund"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
        .withRequestBody(matchingJsonPath("$.template", equalTo("ORDER_LINE_CANCELLED"))));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/oms/orders")), caseId));

    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("type").asText()).isEqualTo("OUT_OF_STOCK");
    assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("220.00");
    assertThat(view.path("shortage").path("handling").asText()).isEqualTo("CONTACT_CUSTOMER");
    assertThat(view.path("shortage").path("cancellationId").asText()).isEqualTo("CX-" + caseId);
    assertThat(view.path("shortage").path("waitEndedAt").isNull()).isFalse();
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(entry(timeline, "BusinessRuleTask_DecideShortageHandling", "DECISION").path("details")
        .path("decisionId").asText()).isEqualTo("shortage-handling");
    assertThat(entry(timeline, "ServiceTask_RecordCustomerAnswer", "HUMAN_TASK").path("details")
        .path("formData").path("customerAnswer").asText()).isEqualTo("CANCEL");
  }

  @Test
  void aCustomerWhoTakesASamePriceSubstituteGetsANewOrderAndTheLineCancelledWithoutRefund() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    String substitute = sku + "-BRASS";
    String orderId = ShortageOrders.order(sku, 1);
    ShortageOrders.stockArrivesIn(sku, 20);
    stub(WireMock.get(urlEqualTo("/oms/products/" + substitute)),
        "{\"sku\":\"%s\",\"name\":\"Desk lamp brass\",\"unitPrice\":120.00}".formatted(substitute));

    String caseId = report(orderId, sku, 1);
    long instance = awaitContactTask(caseId);
    zeebe().completeUserTask(instance, CONTACT, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", substitute));

    awaitStatus(caseId, CaseStatus.SUBSTITUTED);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/oms/orders")), caseId).withRequestBody(equalToJson("""
        {"type": "SUBSTITUTE", "originalOrderId": "%s", "lines": [{"sku": "%s", "quantity": 1}]}"""
        .formatted(orderId, substitute), false, true)));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders/" + orderId + "/cancellation"))
        .withRequestBody(matchingJsonPath("$.reason", equalTo("SUBSTITUTED"))));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    JsonNode view = get(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("shortage").path("substituteSku").asText()).isEqualTo(substitute);
    assertThat(view.path("shortage").path("substituteOrderId").asText()).isEqualTo("AS-" + caseId);
  }

  @Test
  void arrivalsWakeBackordersFirstReportedFirstAsFarAsTheQuantityCoversThem() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    ShortageOrders.stockArrivesIn(sku, 2); // within the 3-day promise: the orders wait on their own
    String first = report(ShortageOrders.order(sku, 1), sku, 1);
    String second = report(ShortageOrders.order(sku, 2), sku, 2);
    String third = report(ShortageOrders.order(sku, 1), sku, 1);
    for (String caseId : List.of(first, second, third)) {
      awaitCase(caseId, "waiting in the queue", c -> c.getStatus() == CaseStatus.WAITING_FOR_STOCK
          && shortages.require(c.getId()).waitStatus() == BackorderStatus.WAITING);
    }

    // 2 arrive: the first (1) is covered; the second (2) is not, and the third may not overtake it
    Answer two = post(TestUser.WAREHOUSE, "/api/stock/arrivals",
        "{\"sku\":\"%s\",\"quantity\":2,\"warehouseId\":\"WH-SH\",\"arrivalId\":\"A2-%s\"}".formatted(sku, sku));
    assertThat(two.status()).isEqualTo(200);
    assertThat(two.body().path("allocated").asInt()).isEqualTo(1);
    assertThat(two.body().path("remaining").asInt()).isEqualTo(1);
    assertThat(wokenCases(two)).containsExactly(first);
    awaitStatus(first, CaseStatus.SHIPPED);

    // stock at another warehouse wakes nobody here
    Answer elsewhere = post(TestUser.WAREHOUSE, "/api/stock/arrivals",
        "{\"sku\":\"%s\",\"quantity\":5,\"warehouseId\":\"WH-BJ\",\"arrivalId\":\"A5-%s\"}".formatted(sku, sku));
    assertThat(elsewhere.body().path("allocated").asInt()).isZero();

    Answer three = post(TestUser.WAREHOUSE, "/api/stock/arrivals",
        "{\"sku\":\"%s\",\"quantity\":3,\"warehouseId\":\"WH-SH\",\"arrivalId\":\"A3-%s\"}".formatted(sku, sku));
    assertThat(wokenCases(three)).containsExactly(second, third);
    assertThat(three.body().path("remaining").asInt()).isZero();
    awaitStatus(second, CaseStatus.SHIPPED);
    awaitStatus(third, CaseStatus.SHIPPED);

    for (String caseId : List.of(first, second, third)) {
      wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/outbound-orders")), caseId));
      wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
          .withRequestBody(matchingJsonPath("$.template", equalTo("ORDER_DELAYED"))));
      wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
          .withRequestBody(matchingJsonPath("$.template", equalTo("BACKORDER_SHIPPED"))));
      JsonNode shortage = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId).body().path("shortage");
      assertThat(shortage.path("waitStatus").asText()).isEqualTo("STOCK_ALLOCATED");
      assertThat(shortage.path("handling").asText()).isEqualTo("WAIT_FOR_STOCK");
      assertThat(shortage.path("waitedMinutes").asLong()).isNotNegative();
    }
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + second + "/timeline").body();
    assertThat(timeline.findValuesAsText("summary"))
        .contains("Stock arrived: 2 × %s allocated to this backorder".formatted(sku));
    // nothing left to tell: every woken process moved on
    assertThat(arrivals.republishBefore(Instant.now())).doesNotContain(first, second, third);
  }

  @Test
  void anArrivalReportedAgainAnswersTheFirstOutcomeAndAllocatesNothingMore() throws Exception {
    String sku = ShortageOrders.uniqueSku("LAMP");
    ShortageOrders.stockArrivesIn(sku, 2);
    String first = report(ShortageOrders.order(sku, 1), sku, 1);
    String second = report(ShortageOrders.order(sku, 1), sku, 1);
    for (String caseId : List.of(first, second)) {
      awaitCase(caseId, "waiting in the queue", c -> shortages.require(c.getId()).waitStatus() == BackorderStatus.WAITING);
    }
    String body = "{\"sku\":\"%s\",\"quantity\":1,\"warehouseId\":\"WH-SH\",\"arrivalId\":\"GRN-%s\"}"
        .formatted(sku, sku);

    Answer reported = post(TestUser.WAREHOUSE, "/api/stock/arrivals", body);
    // the warehouse did not get the answer and sends the same arrival again, twice at once
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<CompletableFuture<Answer>> again = List.of(
        CompletableFuture.supplyAsync(() -> post(TestUser.WAREHOUSE, "/api/stock/arrivals", body), threads),
        CompletableFuture.supplyAsync(() -> post(TestUser.WAREHOUSE, "/api/stock/arrivals", body), threads));
    threads.shutdown();

    assertThat(reported.status()).isEqualTo(200);
    assertThat(reported.body().path("arrivalId").asText()).isEqualTo("GRN-" + sku);
    assertThat(wokenCases(reported)).containsExactly(first);
    for (CompletableFuture<Answer> repeat : again) {
      Answer answer = repeat.get(30, TimeUnit.SECONDS);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(reported.body());
    }
    awaitStatus(first, CaseStatus.SHIPPED);
    assertThat(shortages.require(second).waitStatus()).isEqualTo(BackorderStatus.WAITING);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_arrival WHERE sku = :sku").param("sku", sku)
        .query(Integer.class).single()).isEqualTo(1);

    Answer different = post(TestUser.WAREHOUSE, "/api/stock/arrivals", body.replace("\"quantity\":1", "\"quantity\":2"));
    assertThat(different.status()).isEqualTo(409);
    assertThat(shortages.require(second).waitStatus()).isEqualTo(BackorderStatus.WAITING);
  }

  @Test
  void aWokenCaseWhoseProcessWasNotToldIsToldAgainByTheRetry() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    ShortageOrders.stockArrivesIn(sku, 1);
    String caseId = report(ShortageOrders.order(sku, 1), sku, 1);
    AfterSalesCase waiting = awaitCase(caseId, "waiting in the queue",
        c -> shortages.require(c.getId()).waitStatus() == BackorderStatus.WAITING);

    Answer arrival = post(TestUser.WAREHOUSE, "/api/stock/arrivals",
        "{\"sku\":\"%s\",\"quantity\":1,\"warehouseId\":\"WH-SH\",\"arrivalId\":\"A1-%s\"}".formatted(sku, sku));
    assertThat(wokenCases(arrival)).containsExactly(caseId);
    awaitStatus(caseId, CaseStatus.SHIPPED);

    // publishing again (as the retry would) reaches nothing twice: the message id is the same
    arrivals.republishBefore(Instant.now().plusSeconds(3600));
    assertThat(correlations(waiting.getProcessInstanceKey(), Messages.STOCK_ARRIVED)).hasSize(1);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/outbound-orders")), caseId));
  }

  @Test
  void aBackorderThatGotStockButWasNeverToldIsWokenByTheRetry() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    ShortageOrders.stockArrivesIn(sku, 1);
    String caseId = report(ShortageOrders.order(sku, 1), sku, 1);
    awaitCase(caseId, "waiting in the queue", c -> shortages.require(c.getId()).waitStatus() == BackorderStatus.WAITING);

    // stock allocated, but the publication is lost (the engine was away): nothing else happens ...
    transaction.executeWithoutResult(status -> arrivals.handOn("lost-publication-test", sku, 1, "WH-SH"));
    assertThat(cases.require(caseId).getStatus()).isEqualTo(CaseStatus.WAITING_FOR_STOCK);

    // ... until the retry tells the process
    assertThat(arrivals.republishBefore(Instant.now().plusSeconds(60))).contains(caseId);
    awaitStatus(caseId, CaseStatus.SHIPPED);
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/outbound-orders")), caseId));
  }

  private String report(String orderId, String sku, int quantity) {
    Answer answer = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
        "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity));
    assertThat(answer.status()).isEqualTo(201);
    return answer.body().path("caseId").asText();
  }

  private long awaitContactTask(String caseId) {
    AfterSalesCase started = awaitCase(caseId, "started", c -> c.getProcessInstanceKey() != null);
    long instance = started.getProcessInstanceKey();
    await("the customer-contact task of case " + caseId, () -> zeebe().openUserTask(instance, CONTACT).orElse(null));
    return instance;
  }

  private static List<String> wokenCases(Answer answer) {
    return StreamSupport.stream(answer.body().path("woken").spliterator(), false)
        .map(w -> w.path("caseId").asText()).toList();
  }
}
