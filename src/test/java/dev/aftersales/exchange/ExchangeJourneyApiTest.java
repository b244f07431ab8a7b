package dev.aftersales.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.entry;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole exchange as its users live it, through the REST API only: a channel asks to exchange a
 * kettle for a cheaper variant, the label goes out, the warehouse reports the parcel, the real
 * workers refund the difference once and send the replacement from the after-sales warehouse.
 */
class ExchangeJourneyApiTest extends ApiTest {

  static final String CHEAPER_VARIANT = "SKU-A-MINI";

  @BeforeEach
  void surroundingSystemsAnswer() {
    stubSurroundingSystems();
  }

  /** The surrounding systems of an exchange for the cheaper variant (also {@link ExchangeSqlStatementsTest}'s). */
  static void stubSurroundingSystems() {
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
    stub(WireMock.get(urlEqualTo("/oms/products/" + CHEAPER_VARIANT)),
        "{\"sku\":\"" + CHEAPER_VARIANT + "\",\"name\":\"Mini kettle\",\"unitPrice\":79.50}");
    stub(WireMock.get(urlEqualTo("/wms/stock/" + CHEAPER_VARIANT + "?warehouseId=WH-AFTERSALES")),
        "{\"sku\":\"" + CHEAPER_VARIANT + "\",\"available\":12,\"nextArrivalDate\":null}");
    stub(WireMock.post(urlEqualTo("/oms/orders")), "{\"orderId\":\"AS-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/wms/outbound-orders")),
        "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}");
  }

  @Test
  void aCheaperVariantIsExchangedWithTheDifferenceRefundedOnceAndTheReplacementShippedOnce() {
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(3, ChronoUnit.DAYS), "ALIPAY", false);

    // a channel asks to exchange one of the two kettles (paid 94.50 each) for the mini kettle
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"X-%s","orderId":"%s","type":"EXCHANGE","reason":"NO_REASON",
         "description":"too big for my kitchen","unopened":true,
         "lines":[{"sku":"SKU-A","quantity":1,"exchangeSku":"%s"}]}""".formatted(orderId, orderId, CHEAPER_VARIANT));
    assertThat(opened.status()).isEqualTo(201);
    String caseId = opened.body().path("caseId").asText();

    // unopened within the window: approved, the label goes out; the warehouse scans the parcel
    awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
    Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
    assertThat(receipt.status()).isEqualTo(202);

    awaitStatus(caseId, CaseStatus.EXCHANGED);
    JsonNode view = get(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId).body();
    // 79.50 − 94.50: the customer gets 15.00 back
    assertThat(view.path("exchange").path("priceDifference").decimalValue()).isEqualByComparingTo("-15.00");
    assertThat(view.path("exchange").path("replacementOrderId").asText()).isEqualTo("AS-" + caseId);
    assertThat(view.path("exchange").path("outboundOrderId").asText()).isEqualTo("OUT-" + caseId);
    assertThat(view.path("exchange").path("differencePaid").asBoolean()).isFalse();
    assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(view.path("refund").path("status").asText()).isEqualTo("ISSUED");
    assertThat(view.path("lines").get(0).path("disposition").asText()).isEqualTo("SELLABLE");

    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));
    wireMock().verify(postRequestedFor(urlEqualTo("/payments/refunds"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":refund")))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("15.0"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/oms/orders")), caseId)
        .withRequestBody(equalToJson("""
            {"type": "REPLACEMENT", "originalOrderId": "%s", "lines": [{"sku": "%s", "quantity": 1}]}"""
            .formatted(orderId, CHEAPER_VARIANT), false, true)));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/outbound-orders")), caseId)
        .withRequestBody(matchingJsonPath("$.warehouseId", equalTo("WH-AFTERSALES"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/notifications")), caseId)
        .withRequestBody(matchingJsonPath("$.template", equalTo("EXCHANGE_SHIPPED"))));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/payment-requests")), caseId));

    // the auditor finds the settlement and the refund with its key
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    assertThat(entry(timeline, "ServiceTask_SettleExchangePrice", "DECISION").path("summary").asText())
        .isEqualTo("Price difference of -15.00 CNY: REFUND");
    assertThat(entry(timeline, "ServiceTask_RefundDifference", "EXTERNAL_CALL").path("details")
        .path("idempotencyKey").asText()).isEqualTo(caseId + ":refund");
  }
}
