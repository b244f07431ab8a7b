package dev.aftersales.workers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import io.camunda.client.CamundaClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real workers, subscribed to the engine, drive an auto-approved return from request to
 * refund: headers, variables and returned facts fit the deployed model.
 */
class ReturnRefundedEndToEndTest extends IntegrationTest {

  @Autowired CamundaClient camunda;
  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired Timeline timeline;

  @Test
  void autoApprovedUnopenedReturnIsRefundedOnceAndClosed() {
    wireMock().resetAll();
    wireMock().stubFor(post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-E2E-1\",\"labelUrl\":\"https://labels.example/SF-E2E-1.pdf\"}")));
    wireMock().stubFor(post(urlEqualTo("/payments/refunds")).willReturn(okJson("{\"refundId\":\"R-E2E\"}")));
    // notices, notifications, dispositions; not the engine's /v2 API, whose answers keep its own contract
    wireMock().stubFor(post(urlPathMatching("/(?!v2/).*")).atPriority(10).willReturn(okJson("{}")));
    AfterSalesCase c = cases.save(TestCases.aReturn().build());

    camunda.newCreateInstanceCommand().bpmnProcessId(ProcessIds.RETURN_REQUEST).latestVersion()
        .variables(Map.of("caseId", c.getId(), "orderId", c.getOrderId(), "freightInsured", false,
            "paidByInstallments", false))
        .send().join();
    AfterSalesCase awaiting = awaitStatus(c.getId(), CaseStatus.AWAITING_PARCEL);

    // the warehouse scans the parcel (what the receipts API does), then the process hears of it
    awaiting.parcelReceived(awaiting.getLines().stream().map(l -> l.received("6901234", Grade.NEW)).toList(),
        Instant.now());
    cases.save(awaiting);
    camunda.newPublishMessageCommand().messageName(Messages.PARCEL_RECEIVED).correlationKey(c.getId())
        .timeToLive(Duration.ofMinutes(1)).send().join();
    AfterSalesCase refunded = awaitStatus(c.getId(), CaseStatus.REFUNDED);

    assertThat(refunds.require(refunded.getId()).status()).isEqualTo(RefundStatus.ISSUED);
    assertThat(refunds.require(refunded.getId()).amount()).isEqualTo(new BigDecimal("179.00"));
    assertThat(refunded.getLines()).allSatisfy(l -> assertThat(l.disposition()).isNotNull());
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(c.getId() + ":refund"))));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/notifications"))
        .withRequestBody(matchingJsonPath("$.template", equalTo("RETURN_REFUNDED"))));
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::elementId)
        .contains("BusinessRuleTask_ClassifyReturnReason", "BusinessRuleTask_DecideReturnEligibility",
            "ServiceTask_CreateReturnLabel", "ServiceTask_InspectReturnedItems", "ServiceTask_DisposeReturnedItems",
            "ServiceTask_CalculateRefund", "ServiceTask_RefundPayment", "ServiceTask_CloseRefundedCase");
  }
}
