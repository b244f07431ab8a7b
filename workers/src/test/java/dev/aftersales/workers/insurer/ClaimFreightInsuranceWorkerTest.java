package dev.aftersales.workers.insurer;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Refund;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.cases.CalculateRefundWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Freight settlement: the insurer is claimed once, the refund credits P or C by fault. */
class ClaimFreightInsuranceWorkerTest extends IntegrationTest {

  private static final String CLAIMS = "/insurer/claims";
  private static final ActivatedJob CLAIM = job(JobTypes.CLAIM_FREIGHT_INSURANCE, "ServiceTask_ClaimFreightInsurance");
  private static final ActivatedJob CALCULATE = job(JobTypes.CALCULATE_REFUND, "ServiceTask_CalculateRefund");

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired ClaimFreightInsuranceWorker claim;
  @Autowired CalculateRefundWorker calculate;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void insuredCustomerFaultReturnIsCreditedThePayoutBelowCostAndClaimedOnce() {
    AfterSalesCase c = received(TestCases.aReturn().freightInsured(), Reason.NO_REASON);
    String tracking = c.getTrackingNumber();
    wireMock().stubFor(get(urlEqualTo("/carrier/shipments/" + tracking))
        .willReturn(okJson("{\"status\":\"DELIVERED\",\"actualCost\":12.00}")));
    wireMock().stubFor(post(urlEqualTo(CLAIMS)).willReturn(okJson("{\"claimId\":\"CL-1\",\"payout\":8.00}")));

    claim.claim(CLAIM, c.getId());
    claim.claim(CLAIM, c.getId());
    calculate.calculate(CALCULATE, c.getId());

    String key = c.getId() + ":freight-claim";
    wireMock().verify(1, postRequestedFor(urlEqualTo(CLAIMS)));
    wireMock().verify(postRequestedFor(urlEqualTo(CLAIMS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"orderId": "%s", "caseId": "%s", "trackingNumber": "%s", "idempotencyKey": "%s"}"""
            .formatted(c.getOrderId(), c.getId(), tracking, key))));
    Refund refund = refunds.require(c.getId());
    assertThat(refund.freightCredit()).isEqualTo(new BigDecimal("8.00"));
    assertThat(refund.amount()).isEqualTo(new BigDecimal("187.00")); // 179.00 + P, the customer bears C − P
  }

  @Test
  void uninsuredQualityReturnFetchesTheShippingCostToRefundIt() {
    AfterSalesCase c = received(TestCases.aReturn().statedReason(Reason.QUALITY), Reason.QUALITY);
    wireMock().stubFor(get(urlEqualTo("/carrier/shipments/" + c.getTrackingNumber()))
        .willReturn(okJson("{\"status\":\"DELIVERED\",\"actualCost\":12.00}")));

    calculate.calculate(CALCULATE, c.getId());
    calculate.calculate(CALCULATE, c.getId());

    wireMock().verify(1, getRequestedFor(urlEqualTo("/carrier/shipments/" + c.getTrackingNumber())));
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getFreightCost()).isEqualTo(new BigDecimal("12.00"));
    assertThat(refunds.require(stored.getId()).amount()).isEqualTo(new BigDecimal("191.00"));
    assertThat(refunds.require(stored.getId()).idempotencyKey()).isEqualTo(c.getId() + ":refund");
  }

  private AfterSalesCase received(TestCases request, Reason reason) {
    return cases.save(request.buildReceived(reason));
  }
}
