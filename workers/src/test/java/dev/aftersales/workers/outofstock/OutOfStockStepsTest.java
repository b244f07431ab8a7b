package dev.aftersales.workers.outofstock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.Shortage.BackorderStatus;
import dev.aftersales.outofstock.StockArrival;
import dev.aftersales.outofstock.StockArrivalService;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.cases.CalculateRefundWorker;
import dev.aftersales.workers.cases.QueueBackorderWorker;
import dev.aftersales.workers.oms.CancelOrderLineWorker;
import dev.aftersales.workers.oms.CreateReplacementOrderWorker;
import dev.aftersales.workers.payment.RefundPaymentWorker;
import dev.aftersales.workers.wms.CheckNextArrivalWorker;
import dev.aftersales.workers.wms.ShipBackorderWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The automated steps of the out-of-stock flow against WireMock and MariaDB: every cancellation,
 * refund, new order and shipment is sent once, with its key, even when the engine hands the job out again.
 */
class OutOfStockStepsTest extends IntegrationTest {

  private static final String CANCELLATION = "/oms/orders/%s/cancellation";
  /** The substitute policy of decision shortage-handling as deployed: the same price, one gift for a bundle. */
  private static final BigDecimal SAME_PRICE = BigDecimal.ZERO;
  private static final BigDecimal ONE_GIFT = BigDecimal.ONE;
  private static final ActivatedJob CANCEL = job(JobTypes.CANCEL_ORDER_LINE, "ServiceTask_CancelOrderLine");
  private static final ActivatedJob CALCULATE = job(JobTypes.CALCULATE_REFUND, "ServiceTask_CalculateRefund",
      Map.of(Headers.PURPOSE, "CANCELLED_LINE"));
  private static final ActivatedJob REFUND = job(JobTypes.REFUND_PAYMENT, "ServiceTask_RefundPayment");
  private static final ActivatedJob SUBSTITUTE = job(JobTypes.CREATE_REPLACEMENT_ORDER,
      "ServiceTask_CreateSubstituteOrder", Map.of(Headers.ORDER_TYPE, "SUBSTITUTE"));
  private static final ActivatedJob SHIP = job(JobTypes.SHIP_BACKORDER, "ServiceTask_ShipBackorder");
  private static final ActivatedJob QUEUE = job(JobTypes.QUEUE_BACKORDER, "ServiceTask_QueueBackorder");
  private static final ActivatedJob CHECK = job(JobTypes.CHECK_NEXT_ARRIVAL, "ServiceTask_CheckNextArrival");

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired ShortageRepository shortages;
  @Autowired CancelOrderLineWorker cancelLine;
  @Autowired CalculateRefundWorker calculateRefund;
  @Autowired RefundPaymentWorker refundPayment;
  @Autowired CreateReplacementOrderWorker createOrder;
  @Autowired ShipBackorderWorker shipBackorder;
  @Autowired QueueBackorderWorker queueBackorder;
  @Autowired CheckNextArrivalWorker checkArrival;
  @Autowired StockArrivalService arrivals;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
    wireMock().stubFor(post(urlPathMatching("/oms/orders/.*/cancellation"))
        .willReturn(okJson("{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}")
            .withTransformers("response-template")));
    wireMock().stubFor(post(urlEqualTo("/payments/refunds")).willReturn(okJson("{\"refundId\":\"RF-1\"}")));
    wireMock().stubFor(post(urlEqualTo("/oms/orders")).willReturn(okJson("{\"orderId\":\"AS-1\"}")));
    wireMock().stubFor(post(urlEqualTo("/wms/outbound-orders")).willReturn(okJson("{\"outboundOrderId\":\"OUT-1\"}")));
  }

  @Test
  void aCancelledLineIsCancelledAndRefundedInFullOnceEvenWhenTheJobsAreRedelivered() {
    TestCases.ShortCase opened = TestCases.aShortage("DRESS-M", 2, null);
    AfterSalesCase c = opened.aCase();
    c.customerAnswered("CANCEL", "customer no longer needs it", null);
    opened.store(cases, shortages);

    cancelLine.cancel(CANCEL, c.getId());
    cancelLine.cancel(CANCEL, c.getId());
    calculateRefund.calculate(CALCULATE, c.getId());
    calculateRefund.calculate(CALCULATE, c.getId());
    refundPayment.refund(REFUND, c.getId());
    refundPayment.refund(REFUND, c.getId());

    String cancellationKey = c.getId() + ":cancellation";
    wireMock().verify(1, postRequestedFor(urlEqualTo(CANCELLATION.formatted(c.getOrderId()))));
    wireMock().verify(postRequestedFor(urlEqualTo(CANCELLATION.formatted(c.getOrderId())))
        .withHeader("Idempotency-Key", equalTo(cancellationKey))
        .withRequestBody(equalToJson("""
            {"caseId": "%s", "lines": [{"sku": "DRESS-M", "quantity": 2}], "reason": "CUSTOMER_CANCELLED",
             "idempotencyKey": "%s"}""".formatted(c.getId(), cancellationKey))));
    // both dresses paid 358.00: all of it comes back
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds")));
    wireMock().verify(postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "%s", "amount": 358.00, "currency": "CNY", "idempotencyKey": "%s:refund"}"""
        .formatted(c.getPaymentId(), c.getId()))));
    AfterSalesCase stored = cases.require(c.getId());
    Shortage shortage = shortages.require(stored.getId());
    assertThat(shortage.cancellationId()).isEqualTo("CX-" + c.getId());
    assertThat(shortage.waitStatus()).as("never queued").isNull();
    assertThat(shortage.waitEndedAt()).isNotNull();
    assertThat(refunds.require(stored.getId()).issued()).isTrue();
  }

  @Test
  void stockAllocatedToALineCancelledInThatMomentGoesToTheNextBackorderOnce() {
    String sku = "LAMP-" + UUID.randomUUID().toString().substring(0, 8);
    AfterSalesCase first = TestCases.aShortage(sku, 1, null).store(cases, shortages);
    AfterSalesCase second = TestCases.aShortage(sku, 1, null).store(cases, shortages);
    queueBackorder.queue(QUEUE, first.getId());
    queueBackorder.queue(QUEUE, second.getId());
    StockArrivalService.Outcome arrival = arrivals.arrived(new StockArrival(sku, 1, "WH-SH-01", "ARR-" + sku), "test-warehouse");
    assertThat(arrival.woken()).extracting(StockArrivalService.WokenBackorder::caseId).containsExactly(first.getId());

    // the customer's CANCEL was already on its way: the first line is cancelled with the stock allocated to it
    cancelLine.cancel(CANCEL, first.getId());
    cancelLine.cancel(CANCEL, first.getId());

    Shortage gaveBack = shortages.require(first.getId());
    Shortage got = shortages.require(second.getId());
    assertThat(gaveBack.waitStatus()).isEqualTo(BackorderStatus.ENDED);
    assertThat(got.waitStatus()).isEqualTo(BackorderStatus.STOCK_ALLOCATED);
    assertThat(got.stockArrivalId()).isNotEqualTo(arrival.id());
    assertThat(jdbc.queryForList("SELECT reported_by FROM stock_arrival WHERE sku = ? ORDER BY id", String.class, sku))
        .containsExactly("test-warehouse", "case:" + first.getId());
  }

  @Test
  void aLineNobodyAnsweredForIsCancelledAsNoAnswerAndRefundedForTheShortQuantityOnly() {
    AfterSalesCase c = TestCases.aShortage("DRESS-M", 1, null).store(cases, shortages);

    cancelLine.cancel(CANCEL, c.getId());
    calculateRefund.calculate(CALCULATE, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo(CANCELLATION.formatted(c.getOrderId())))
        .withRequestBody(equalToJson("{\"reason\": \"NO_ANSWER\"}", false, true)));
    assertThat(refunds.require(c.getId()).amount()).isEqualByComparingTo("179.00");
  }

  @Test
  void aSamePriceSubstituteIsOrderedOnceAndTheOriginalLineCancelledWithoutRefund() {
    TestCases.ShortCase opened = TestCases.aShortage("DRESS-M", 2, null);
    AfterSalesCase c = opened.aCase();
    c.customerAnswered("SUBSTITUTE", null, "DRESS-M-NAVY");
    opened.store(cases, shortages);
    wireMock().stubFor(get(urlEqualTo("/oms/products/DRESS-M-NAVY"))
        .willReturn(okJson("{\"sku\":\"DRESS-M-NAVY\",\"name\":\"Silk dress navy\",\"unitPrice\":199.00}")));

    assertThat(createOrder.create(SUBSTITUTE, c.getId(), SAME_PRICE, ONE_GIFT).replacementOrderId()).isEqualTo("AS-1");
    assertThat(createOrder.create(SUBSTITUTE, c.getId(), SAME_PRICE, ONE_GIFT).replacementOrderId()).isEqualTo("AS-1");
    cancelLine.cancel(CANCEL, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders")));
    wireMock().verify(postRequestedFor(urlEqualTo("/oms/orders"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":replacement-order"))
        .withRequestBody(equalToJson("""
            {"type": "SUBSTITUTE", "originalOrderId": "%s", "lines": [{"sku": "DRESS-M-NAVY", "quantity": 2}]}"""
            .formatted(c.getOrderId()), false, true)));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders")).withRequestBody(matchingJsonPath("$.lines[1]")));
    wireMock().verify(1, postRequestedFor(urlEqualTo(CANCELLATION.formatted(c.getOrderId())))
        .withRequestBody(equalToJson("{\"reason\": \"SUBSTITUTED\"}", false, true)));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/payments/refunds")));
  }

  @Test
  void aSubstituteAtAnotherPriceGoesBackToTheAgentWithTheReason() {
    TestCases.ShortCase opened = TestCases.aShortage("DRESS-M", 1, null);
    AfterSalesCase c = opened.aCase();
    c.customerAnswered("SUBSTITUTE", null, "DRESS-CHEAP");
    opened.store(cases, shortages);
    wireMock().stubFor(get(urlEqualTo("/oms/products/DRESS-CHEAP"))
        .willReturn(okJson("{\"sku\":\"DRESS-CHEAP\",\"name\":\"Cotton dress\",\"unitPrice\":99.00}")));

    assertThatThrownBy(() -> createOrder.create(SUBSTITUTE, c.getId(), SAME_PRICE, ONE_GIFT))
        .isInstanceOfSatisfying(BpmnError.class, error -> {
          assertThat(error.getErrorCode()).isEqualTo(ErrorCodes.SUBSTITUTE_PRICE_DIFFERS);
          assertThat(error.getVariables()).isEqualTo(Map.of("substituteProblem",
              "the substitute DRESS-CHEAP costs 99.00 CNY, the ordered DRESS-M cost 199.00 CNY;"
                  + " offer one at the same price"));
        });
    wireMock().verify(0, postRequestedFor(urlEqualTo("/oms/orders")));
    assertThat(cases.require(c.getId()).getReplacementOrderId()).isNull();
  }

  @Test
  void aBundlesReplacementComponentGoesOutWithTheGiftAndTheBundleIsNotCancelled() {
    TestCases.ShortCase opened = TestCases.aShortage("TEA-CUP", 1, "TEA-BOX");
    AfterSalesCase c = opened.aCase();
    c.customerAnswered("SUBSTITUTE", null, "TEA-CUP-CELADON");
    opened.withShortage(s -> s.decided("CONTACT_CUSTOMER", "shortage-handling v1 Rule_BundleComponent",
        "GIFT-APOLOGY-POUCH")).store(cases, shortages);

    createOrder.create(SUBSTITUTE, c.getId(), SAME_PRICE, ONE_GIFT);

    wireMock().verify(1, postRequestedFor(urlEqualTo("/oms/orders")).withRequestBody(equalToJson("""
        {"type": "SUBSTITUTE", "lines": [{"sku": "TEA-CUP-CELADON", "quantity": 1},
                                         {"sku": "GIFT-APOLOGY-POUCH", "quantity": 1, "gift": true}]}""",
        false, true)));
    // a component has no price of its own: nothing to compare
    wireMock().verify(0, getRequestedFor(urlPathMatching("/oms/products/.*")));
  }

  @Test
  void aCancelledBundleCancelsAndRefundsTheBundleLine() {
    TestCases.ShortCase opened = TestCases.aShortage("TEA-CUP", 1, "TEA-BOX");
    AfterSalesCase c = opened.aCase();
    c.customerAnswered("CANCEL", null, null);
    opened.store(cases, shortages);

    cancelLine.cancel(CANCEL, c.getId());
    calculateRefund.calculate(CALCULATE, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo(CANCELLATION.formatted(c.getOrderId())))
        .withRequestBody(equalToJson("{\"lines\": [{\"sku\": \"TEA-BOX\", \"quantity\": 1}]}", false, true)));
    assertThat(refunds.require(c.getId()).amount()).isEqualByComparingTo("248.00");
  }

  @Test
  void aBackorderJoinsTheQueueOnceAndIsShippedOnceFromItsWarehouse() {
    AfterSalesCase c = TestCases.aShortage("DRESS-M", 2, null).store(cases, shortages);

    queueBackorder.queue(QUEUE, c.getId());
    Instant firstQueued = shortages.require(c.getId()).waitingSince();
    queueBackorder.queue(QUEUE, c.getId());
    shipBackorder.ship(SHIP, c.getId());
    shipBackorder.ship(SHIP, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo("/wms/outbound-orders")));
    wireMock().verify(postRequestedFor(urlEqualTo("/wms/outbound-orders"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":backorder-shipment"))
        .withRequestBody(equalToJson("""
            {"orderId": "%s", "warehouseId": "WH-SH-01", "lines": [{"sku": "DRESS-M", "quantity": 2}],
             "caseId": "%s"}""".formatted(c.getOrderId(), c.getId()), false, true)));
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(shortages.require(stored.getId()).waitStatus()).isEqualTo(BackorderStatus.WAITING);
    assertThat(shortages.require(stored.getId()).waitingSince()).isEqualTo(firstQueued);
    assertThat(shortages.require(stored.getId()).waitEndedAt()).isNotNull();
    assertThat(stored.getOutboundOrderId()).isEqualTo("OUT-1");
  }

  @Test
  void theNextArrivalTellsHowManyDaysAwayItIsAndWhenTheWaitCountsAsLetDown() {
    AfterSalesCase c = TestCases.aShortage("DRESS-M", 2, null).store(cases, shortages);
    LocalDate arrival = LocalDate.now(BusinessCalendar.ZONE).plusDays(2);
    wireMock().stubFor(get(urlEqualTo("/wms/stock/DRESS-M?warehouseId=WH-SH-01"))
        .willReturn(okJson("{\"available\":1,\"nextArrivalDate\":\"" + arrival + "\"}")));

    CheckNextArrivalWorker.ArrivalChecked checked = checkArrival.check(CHECK, c.getId());

    assertThat(checked.inStock()).isFalse(); // 1 available, 2 short
    assertThat(checked.nextArrivalDate()).isEqualTo(arrival.toString());
    assertThat(checked.daysUntilArrival()).isEqualTo(2);
    assertThat(checked.waitUntil()).isEqualTo(arrival.plusDays(1) + "T00:00:00+08:00");
    assertThat(shortages.require(c.getId()).nextArrivalDate()).isEqualTo(arrival);
  }

  @Test
  void anArrivalDateAlreadyPastIsNoPromise() {
    AfterSalesCase c = TestCases.aShortage("DRESS-M", 1, null).store(cases, shortages);
    wireMock().stubFor(get(urlEqualTo("/wms/stock/DRESS-M?warehouseId=WH-SH-01"))
        .willReturn(okJson("{\"available\":0,\"nextArrivalDate\":\"2020-01-01\"}")));

    CheckNextArrivalWorker.ArrivalChecked checked = checkArrival.check(CHECK, c.getId());

    assertThat(checked.nextArrivalDate()).isNull();
    assertThat(checked.daysUntilArrival()).isNull();
    assertThat(checked.waitUntil()).as("no promise: the wait lasts the recheck period of shortage-handling").isNull();
  }
}
