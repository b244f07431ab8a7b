package dev.aftersales.lateparcel;

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
import dev.aftersales.process.Messages;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.Sandbox;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A parcel of an insured order that comes after its return was closed for "no parcel within 7 days", through
 * the REST API and the real workers (WireMock for the carrier, the insurer and the payments provider): the
 * agent accepts it, the freight is claimed once and the refund, which credits the insurer's payout, completes.
 */
class LateParcelJourneyApiTest extends ApiTest {

  private static final String DECIDE = "UserTask_DecideOnLateParcel";

  @BeforeEach
  void surroundingSystemsAnswer() {
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/l.pdf\"}");
    stub(WireMock.get(urlPathMatching("/carrier/shipments/.*")), "{\"status\":\"DELIVERED\",\"actualCost\":12.00}");
    stub(WireMock.post(urlEqualTo("/insurer/claims")), "{\"claimId\":\"CLM-{{jsonPath request.body '$.caseId'}}\",\"payout\":8.00}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
  }

  @Test
  void anInsuredLateParcelAcceptedByTheAgentIsClaimedOnceAndRefundedWithThePayout() {
    String orderId = "O-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(2, ChronoUnit.DAYS), "ALIPAY", true);
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
         "description":"changed my mind","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}],"evidence":[]}"""
        .formatted(orderId, orderId));
    assertThat(opened.status()).isEqualTo(201);
    String caseId = opened.body().path("caseId").asText();
    long instance = awaitStatus(caseId, CaseStatus.AWAITING_PARCEL).getProcessInstanceKey();
    Sandbox.await("the wait for the parcel, with its 7-day timer", () -> ApiTest.<TimerRecordValue>engineRecords(ValueType.TIMER).stream()
        .filter(r -> r.getIntent() == TimerIntent.CREATED)
        .map(r -> r.getValue().getProcessInstanceKey())
        .filter(key -> zeebe().processInstanceTree(instance).contains(key)).findAny().orElse(null));

    // no parcel within 7 days: the return is closed; then the parcel comes after all
    zeebe().increaseTime(Duration.ofDays(7).plusHours(1));
    awaitStatus(caseId, CaseStatus.CLOSED);
    Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
    assertThat(receipt.status()).isEqualTo(202);
    List<Long> lateParcel = instancesStartedBy(Messages.LATE_PARCEL_RECEIVED, caseId);
    assertThat(lateParcel).hasSize(1);
    awaitUserTask(lateParcel.getFirst(), DECIDE);
    zeebe().completeUserTask(lateParcel.getFirst(), DECIDE,
        Map.of("lateParcelDecision", "ACCEPT", "lateParcelNote", "carrier delay, goods as new"));

    awaitStatus(caseId, CaseStatus.REFUNDED);
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    // one kettle of two paid 189.00 = 94.50, plus the insurer's payout 8.00: a no-reason return credits P
    assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("102.50");
    wireMock().verify(1, ofCase(postRequestedFor(urlEqualTo("/insurer/claims")), caseId)
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":freight-claim"))));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(caseId + ":refund")))
        .withRequestBody(matchingJsonPath("$.amount", equalTo("102.5"))));
  }
}
