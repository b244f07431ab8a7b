package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The abuse guard as a channel meets it, through the REST API with the real workers and decisions: a customer's
 * no-reason returns of unopened goods are approved automatically up to the fifth in 90 days; the sixth (the
 * request being decided counts, docs/decisions.md) goes to an agent's evidence review instead.
 */
class AbuseGuardJourneyApiTest extends ApiTest {

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
  }

  @Test
  void theSixthReturnOfACustomerIn90DaysGoesToEvidenceReviewAfterFiveAutomaticApprovals() {
    String customerId = "C-" + UUID.randomUUID();
    List<String> caseIds = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      String orderId = "O-" + UUID.randomUUID();
      orderOf(customerId, orderId);
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
           "description":"changed my mind","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}],"evidence":[]}"""
          .formatted(orderId, orderId));
      assertThat(opened.status()).as("return %d opened", n).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();
      caseIds.add(caseId);
      // each one is decided before the next is requested, as a customer's returns over weeks would be
      awaitCase(caseId, "decided", c -> c.getDecision() != null);
    }

    for (String caseId : caseIds.subList(0, 5)) {
      AfterSalesCase approved = awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
      assertThat(approved.getDecision()).as("return %d", caseIds.indexOf(caseId) + 1).hasToString("AUTO_APPROVE");
    }
    String sixth = caseIds.get(5);
    AfterSalesCase reviewed = awaitStatus(sixth, CaseStatus.UNDER_REVIEW);
    assertThat(reviewed.getDecision()).hasToString("EVIDENCE_REVIEW");
    awaitUserTask(reviewed.getProcessInstanceKey(), "UserTask_ReviewEvidence");
    assertThat(reviewed.getTrackingNumber()).as("no label before an agent approved").isNull();

    JsonNode eligibility = StreamSupport.stream(
            get(TestUser.AUDITOR, ApiPaths.CASES + "/" + sixth + "/decisions").body().spliterator(), false)
        .filter(d -> d.path("decisionId").asText().equals("return-eligibility")).findFirst().orElseThrow();
    assertThat(eligibility.path("inputs").path("facts").path("returnsInLast90Days").asInt())
        .as("the guard counted the sixth itself").isEqualTo(6);
    assertThat(eligibility.path("output").path("eligibility").asText()).isEqualTo("EVIDENCE_REVIEW");
  }

  /** An order of the customer, delivered two days ago: a no-reason return is within its 7 days. */
  private static void orderOf(String customerId, String orderId) {
    String signed = Instant.now().minus(2, ChronoUnit.DAYS).toString();
    wireMock().stubFor(WireMock.get("/oms/orders/" + orderId).willReturn(okJson("""
        {"orderId":"%s","channel":"TMALL","customerId":"%s","customerTier":"NORMAL","placedAt":"2026-11-01T02:00:00Z",
         "signedAt":"%s","promotion":null,"paymentId":"PAY-%s","paymentMethod":"ALIPAY","installmentPlanId":null,
         "freightInsurance":false,"warehouseId":"WH-SH","lines":[
          {"sku":"SKU-A","name":"Kettle","quantity":1,"unitPrice":99.00,"paidAmount":99.00,"gift":false,"barcode":"6900001"}]}"""
        .formatted(orderId, customerId, signed, orderId))));
  }
}
