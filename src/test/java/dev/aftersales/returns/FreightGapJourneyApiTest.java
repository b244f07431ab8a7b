package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.ofCase;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.DecisionBindings;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.DmnEdits;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process owner's edit leaves a gap in who bears the return shipping (the row for uninsured returns of the
 * customer's choice deleted): the refund is still made, and it credits the full return shipping cost, as for a
 * merchant's fault, never an incident and never a silent zero. Real workers, engine and database; the edited
 * table is deployed with the process that calculates the refund, and the shipped models are deployed again after.
 */
class FreightGapJourneyApiTest extends ApiTest {

  private static final String ACTUAL_SHIPPING_COST = "12.00";

  @Autowired DecisionBindings bindings;

  @Test
  void aRefundNoFreightRuleMatchesCreditsTheFullReturnShippingAndSaysNoRuleDecided() {
    String withGap = DmnEdits.withoutRules("freight-responsibility.dmn", "Rule_CustomerUninsured");
    bindings.deployed(zeebe().deployAllModelsEdited(Map.of(
        "freight-responsibility.dmn", dmn -> withGap,
        // a new version of the process that calculates the refund, so it is bound to the edited table
        "return-request.bpmn", bpmn -> bpmn + "<!-- deployed with a gap in freight-responsibility -->\n")));
    try {
      stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
          "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
      stub(WireMock.get(urlPathMatching("/carrier/shipments/.*")),
          "{\"status\":\"DELIVERED\",\"actualCost\":" + ACTUAL_SHIPPING_COST + "}");
      stub(WireMock.post(urlEqualTo("/payments/refunds")),
          "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
      stub(WireMock.post(urlEqualTo("/notifications")), "{}");
      stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
      String orderId = "O-" + UUID.randomUUID();
      OmsStubs.order(orderId, Instant.now().minus(2, ChronoUnit.DAYS), "ALIPAY", false);

      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
           "description":"changed my mind","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}],"evidence":[]}"""
          .formatted(orderId, orderId));
      assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();
      awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
      Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
          {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
      assertThat(receipt.status()).as(receipt.body().toString()).isEqualTo(202);

      awaitStatus(caseId, CaseStatus.REFUNDED);
      // one kettle of two paid 189.00 = 94.50, plus the shipping the customer paid: the shipped table would have credited nothing
      JsonNode refund = get(TestUser.AGENT, ApiPaths.CASES + "/" + caseId).body().path("refund");
      assertThat(refund.path("amount").decimalValue()).isEqualByComparingTo("106.50");
      assertThat(refund.path("freightCredit").decimalValue()).isEqualByComparingTo(ACTUAL_SHIPPING_COST);
      wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/payments/refunds")), caseId)
          .withRequestBody(matchingJsonPath("$.amount", equalTo("106.5"))));
      JsonNode freight = StreamSupport.stream(
              get(TestUser.AUDITOR, ApiPaths.CASES + "/" + caseId + "/decisions").body().spliterator(), false)
          .filter(d -> d.path("decisionId").asText().equals("freight-responsibility")).findFirst().orElseThrow();
      assertThat(freight.path("output").isNull()).as("no rule matched: %s", freight).isTrue();
      assertThat(freight.path("matchedRules")).isEmpty();
      JsonNode recorded = StreamSupport.stream(
              get(TestUser.AUDITOR, ApiPaths.CASES + "/" + caseId + "/timeline").body().spliterator(), false)
          .filter(e -> e.path("details").path("decisionId").asText().equals("freight-responsibility"))
          .findFirst().orElseThrow();
      assertThat(recorded.path("details").path("noRule").asText())
          .isEqualTo("No rule decided: the refund credits the full return shipping cost, as for a merchant's fault");
    } finally {
      deployShippedModelsAgain();
    }
  }
}
