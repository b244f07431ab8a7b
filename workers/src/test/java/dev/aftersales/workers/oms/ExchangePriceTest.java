package dev.aftersales.workers.oms;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.ExchangeSettlement.Direction;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.cases.CalculateRefundWorker;
import dev.aftersales.workers.oms.SettleExchangePriceWorker.PriceSettled;
import dev.aftersales.workers.payment.RefundPaymentWorker;
import dev.aftersales.workers.payment.RequestDifferencePaymentWorker;
import dev.aftersales.workers.payment.RequestDifferencePaymentWorker.PaymentRequested;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The price of an exchange against today's OMS prices (the dress was paid 179.00): a cheaper variant
 * is refunded the difference once, a dearer one is charged once, the same price ships as it is.
 */
class ExchangePriceTest extends IntegrationTest {

  private static final String REFUNDS = "/payments/refunds";
  private static final String PAYMENT_REQUESTS = "/payments/payment-requests";
  private static final ActivatedJob SETTLE = job(JobTypes.SETTLE_EXCHANGE_PRICE, "ServiceTask_SettlePriceDifference");
  private static final ActivatedJob CALCULATE_DIFFERENCE = job(JobTypes.CALCULATE_REFUND,
      "ServiceTask_CalculateDifferenceRefund", Map.of(Headers.PURPOSE, "EXCHANGE_DIFFERENCE"));
  private static final ActivatedJob REFUND = job(JobTypes.REFUND_PAYMENT, "ServiceTask_RefundDifference");
  private static final ActivatedJob REQUEST_PAYMENT = job(JobTypes.REQUEST_DIFFERENCE_PAYMENT,
      "ServiceTask_RequestDifferencePayment");

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired DifferencePaymentRepository differencePayments;
  @Autowired Timeline timeline;
  @Autowired SettleExchangePriceWorker settle;
  @Autowired CalculateRefundWorker calculateRefund;
  @Autowired RefundPaymentWorker refundPayment;
  @Autowired RequestDifferencePaymentWorker requestPayment;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
    price("DRESS-M-SALE", "159.00");
    price("DRESS-M-BLUE", "179.00");
    price("DRESS-L-SILK", "219.00");
  }

  @Test
  void aCheaperVariantIsRefundedTheDifferenceOnce() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-M-SALE").build());
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).willReturn(okJson("{\"refundId\":\"RF-9\"}")));

    PriceSettled settled = settle.settle(SETTLE, c.getId());
    calculateRefund.calculate(CALCULATE_DIFFERENCE, c.getId());
    calculateRefund.calculate(CALCULATE_DIFFERENCE, c.getId());
    refundPayment.refund(REFUND, c.getId());
    refundPayment.refund(REFUND, c.getId()); // redelivered

    assertThat(settled).isEqualTo(new PriceSettled(new BigDecimal("-20.00"), Direction.REFUND));
    String key = c.getId() + ":refund";
    wireMock().verify(1, postRequestedFor(urlEqualTo(REFUNDS)));
    wireMock().verify(postRequestedFor(urlEqualTo(REFUNDS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"paymentId": "%s", "amount": 20.00, "currency": "CNY", "idempotencyKey": "%s"}"""
            .formatted(c.getPaymentId(), key))));
    Refund refund = refunds.require(c.getId());
    assertThat(refund.amount()).isEqualTo(new BigDecimal("20.00"));
    assertThat(refund.status()).isEqualTo(RefundStatus.ISSUED);
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.DECISION)
        .extracting(e -> e.summary())
        .containsExactly("Price difference of -20.00 CNY: REFUND", "Refund of the exchange price difference: 20.00 CNY");
  }

  @Test
  void aDearerVariantIsChargedOnceAndTheCustomerGetsTheLinkToPay() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L-SILK").build());
    wireMock().stubFor(post(urlEqualTo(PAYMENT_REQUESTS))
        .willReturn(okJson("{\"paymentRequestId\":\"PR-1\",\"payUrl\":\"https://pay.example/PR-1\"}")));
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));

    assertThat(settle.settle(SETTLE, c.getId()))
        .isEqualTo(new PriceSettled(new BigDecimal("40.00"), Direction.CHARGE));
    PaymentRequested requested = requestPayment.request(REQUEST_PAYMENT, c.getId());
    assertThat(requestPayment.request(REQUEST_PAYMENT, c.getId())).isEqualTo(requested);

    assertThat(requested).isEqualTo(new PaymentRequested("PR-1", "https://pay.example/PR-1"));
    String key = c.getId() + ":difference-payment";
    wireMock().verify(1, postRequestedFor(urlEqualTo(PAYMENT_REQUESTS)));
    wireMock().verify(postRequestedFor(urlEqualTo(PAYMENT_REQUESTS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"customerId": "%s", "amount": 40.00, "currency": "CNY", "idempotencyKey": "%s"}"""
            .formatted(c.getCustomerId(), key))));
    wireMock().verify(postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:EXCHANGE_PAY_DIFFERENCE"))
        .withRequestBody(matchingJsonPath("$.params.payUrl", equalTo("https://pay.example/PR-1")))
        .withRequestBody(matchingJsonPath("$.params.differenceAmount", equalTo("40.0"))));
    DifferencePayment payment = differencePayments.findById(c.getId()).orElseThrow();
    assertThat(payment.amount()).isEqualTo(new BigDecimal("40.00"));
    assertThat(payment.paymentRequestId()).isEqualTo("PR-1");
    assertThat(payment.paid()).isFalse();
    wireMock().verify(0, postRequestedFor(urlEqualTo(REFUNDS)));
  }

  @Test
  void theSamePriceOwesNothing() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-M-BLUE").build());

    assertThat(settle.settle(SETTLE, c.getId())).isEqualTo(new PriceSettled(new BigDecimal("0.00"), Direction.NONE));
    assertThat(cases.require(c.getId()).getPriceDifference()).isEqualByComparingTo("0");
  }

  @Test
  void anotherVariantTheCustomerChoseIsSettledAnew() {
    AfterSalesCase c = TestCases.anExchange("DRESS-M-SALE").build();
    c.priceSettled(new BigDecimal("-20.00"));
    c.customerAnswered("OTHER_VARIANT", "wants silk", "DRESS-L-SILK");
    cases.save(c);

    assertThat(settle.settle(SETTLE, c.getId()).priceDifference()).isEqualTo(new BigDecimal("40.00"));
    assertThat(cases.require(c.getId()).getLines()).extracting(ReturnLine::exchangeSku).containsExactly("DRESS-L-SILK");
  }

  @Test
  void aVariantOmsDoesNotKnowCannotBeSettled() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-XXL").build());
    wireMock().stubFor(get(urlEqualTo("/oms/products/DRESS-XXL")).willReturn(notFound()));

    assertThatThrownBy(() -> settle.settle(SETTLE, c.getId())).hasMessageContaining("DRESS-XXL");
    wireMock().verify(1, getRequestedFor(urlEqualTo("/oms/products/DRESS-XXL")));
    assertThat(cases.require(c.getId()).getPriceDifference()).isNull();
  }

  private static void price(String sku, String unitPrice) {
    wireMock().stubFor(get(urlEqualTo("/oms/products/" + sku)).willReturn(okJson("""
        {"sku": "%s", "name": "Silk dress variant", "unitPrice": %s}""".formatted(sku, unitPrice))));
  }
}
