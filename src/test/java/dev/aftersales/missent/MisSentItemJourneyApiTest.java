package dev.aftersales.missent;

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
 * A whole mis-sent item through the REST API only: the customer got a silk scarf instead of a
 * kettle, with a photo. The correct kettle is reshipped, the picking error is counted against the
 * shipping warehouse, its stock corrected; the scarf is too dear to keep, so it comes back on a free
 * label, the warehouse reports it and it is restocked.
 */
class MisSentItemJourneyApiTest extends ApiTest {

  static final String WRONG_ITEM = "SCARF-SILK";

  @BeforeEach
  void surroundingSystemsAnswer() {
    stubSurroundingSystems();
  }

  /** The surrounding systems of a dear wrong item sent back (also {@link MisSentItemSqlStatementsTest}'s). */
  static void stubSurroundingSystems() {
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/free.pdf\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
    stub(WireMock.post(urlEqualTo("/wms/picking-errors")), "{\"status\":\"CONFIRMED\"}");
    stub(WireMock.get(urlPathMatching("/wms/stock/.*")), "{\"available\":10,\"nextArrivalDate\":null}");
    stub(WireMock.post(urlEqualTo("/wms/outbound-orders")),
        "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/oms/orders")), "{\"orderId\":\"AS-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.get(urlEqualTo("/oms/products/" + WRONG_ITEM)),
        "{\"sku\":\"" + WRONG_ITEM + "\",\"name\":\"Silk scarf\",\"unitPrice\":89.00,\"barcode\":\"690-SCARF\"}");
  }

  @Test
  void aDearWrongItemIsReshippedCountedCorrectedAndComesBackOnAFreeLabelToBeRestocked() {
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(1, ChronoUnit.DAYS), "WECHAT", false);

    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"M-%s","orderId":"%s","type":"WRONG_ITEM",
         "description":"收到的是围巾 got a scarf, not the kettle",
         "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"%s"}],
         "evidence":[{"url":"https://img.example/scarf.jpg","kind":"PHOTO"}]}""".formatted(orderId, orderId, WRONG_ITEM));
    assertThat(opened.status()).isEqualTo(201);
    String caseId = opened.body().path("caseId").asText();

    // the photo is enough: reship, picking error, stock correction, decision, free label
    awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
    JsonNode awaiting = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    assertThat(awaiting.path("reship").path("keepWrongItem").asBoolean()).isFalse();
    Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"trackingNumber":"SF%s","items":[{"sku":"%s","barcode":"690-SCARF","grade":"NEW"}]}"""
        .formatted(caseId, WRONG_ITEM));
    assertThat(receipt.status()).isEqualTo(202);

    awaitStatus(caseId, CaseStatus.RESHIPPED);
    JsonNode view = get(TestUser.CHANNEL, "/api/after-sales/cases/" + caseId).body();
    assertThat(view.path("reship").path("replacementOrderId").asText()).isEqualTo("AS-" + caseId);
    assertThat(view.path("reship").path("outboundOrderId").asText()).isEqualTo("OUT-" + caseId);
    assertThat(view.path("pickingError").path("warehouseId").asText()).isEqualTo("WH-SH");
    assertThat(view.path("pickingError").path("sku").asText()).isEqualTo("SKU-A");
    assertThat(view.path("pickingError").path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(view.path("refund").isNull()).isTrue();
    assertThat(view.path("lines").get(0).path("disposition").asText()).isEqualTo("SELLABLE");

    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/oms/orders")), caseId)
        .withRequestBody(equalToJson("""
            {"type": "RESHIP", "originalOrderId": "%s", "lines": [{"sku": "SKU-A", "quantity": 1}]}"""
            .formatted(orderId), false, true)));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/outbound-orders")), caseId));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/picking-errors")), caseId)
        .withRequestBody(matchingJsonPath("$.warehouseId", equalTo("WH-SH"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/stock-corrections")), caseId)
        .withRequestBody(equalToJson("""
            {"warehouseId": "WH-SH", "sku": "SKU-A", "quantityDelta": 1}""", false, true)));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/stock-corrections")), caseId)
        .withRequestBody(equalToJson("""
            {"warehouseId": "WH-SH", "sku": "%s", "quantityDelta": -1}""".formatted(WRONG_ITEM), false, true)));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/carrier/return-labels")), caseId)
        .withRequestBody(matchingJsonPath("$.labelType", equalTo("FREE"))));
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/wms/stock-dispositions")), caseId)
        .withRequestBody(equalToJson("""
            {"sku": "%s", "quantity": 1, "disposition": "SELLABLE"}""".formatted(WRONG_ITEM), false, true)));
    wireMock().verify(0, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId));

    // the auditor reads the decision with the value it was taken on
    JsonNode timeline = get(TestUser.AUDITOR, "/api/after-sales/cases/" + caseId + "/timeline").body();
    JsonNode decision = entry(timeline, "BusinessRuleTask_DecideWrongItemHandling", "DECISION");
    assertThat(decision.path("details").path("decisionId").asText()).isEqualTo("wrong-item-handling");
    assertThat(decision.path("details").path("inputs").path("facts").path("wrongItemValue").decimalValue())
        .isEqualByComparingTo("89.00");
    assertThat(entry(timeline, "IntermediateCatchEvent_WrongItemReceived", "MESSAGE").path("actor").asText())
        .isEqualTo(TestUser.WAREHOUSE.username);
  }
}
