package dev.aftersales.workers.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.InJobTransaction;
import dev.aftersales.process.JobTransactions;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.cases.CalculateRefundWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.dao.OptimisticLockingFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refund payment and instalment reversal against the payments sandbox: the amount, the key, exactly once. */
class RefundPaymentWorkerTest extends IntegrationTest {

  private static final String REFUNDS = "/payments/refunds";
  private static final ActivatedJob CALCULATE = job(JobTypes.CALCULATE_REFUND, "ServiceTask_CalculateRefund");
  private static final ActivatedJob REFUND = job(JobTypes.REFUND_PAYMENT, "ServiceTask_RefundPayment");
  private static final ActivatedJob REVERSE = job(JobTypes.REVERSE_INSTALLMENT_PLAN, "ServiceTask_ReverseInstalmentPlan");

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired RefundRepository refunds;
  @Autowired Timeline timeline;
  @Autowired CalculateRefundWorker calculateRefund;
  @Autowired RefundPaymentWorker refundPayment;
  @Autowired ReverseInstallmentPlanWorker reverseInstallmentPlan;
  @Autowired JobTransactions transactions;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void refundsTheCalculatedAmountOnceEvenWhenTheJobIsRedelivered() {
    // Double-11 return of both dresses, the gift scarf kept: 358.00 − 39.00
    AfterSalesCase c = received(TestCases.aReturn().promotion("DOUBLE_11").deliveredAgo(Duration.ofDays(10))
        .lines(ReturnLine.requested("DRESS-M", 2, null)), true);
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).willReturn(okJson("{\"refundId\":\"R-1\"}")));

    calculateRefund.calculate(CALCULATE, c.getId());
    assertThat(refundPayment.refund(REFUND, c.getId()).refundId()).isEqualTo("R-1");
    // the job timed out before its completion reached the engine and is delivered again
    assertThat(refundPayment.refund(REFUND, c.getId()).refundId()).isEqualTo("R-1");

    String key = c.getId() + ":refund";
    wireMock().verify(1, postRequestedFor(urlEqualTo(REFUNDS)));
    wireMock().verify(postRequestedFor(urlEqualTo(REFUNDS))
        .withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"paymentId": "%s", "amount": 319.00, "currency": "CNY", "idempotencyKey": "%s"}"""
            .formatted(c.getPaymentId(), key))));
    Refund refund = refunds.require(c.getId());
    assertThat(refund.status()).isEqualTo(RefundStatus.ISSUED);
    assertThat(refund.amount()).isEqualTo(new BigDecimal("319.00"));
    assertThat(refund.giftDeduction()).isEqualTo(new BigDecimal("39.00"));
    assertThat(externalCalls(c)).singleElement().satisfies(call -> {
      assertThat(call.details()).containsEntry("idempotencyKey", key).containsEntry("outcome", "OK");
      assertThat(call.elementId()).isEqualTo("ServiceTask_RefundPayment");
    });
  }

  @Test
  void retriesAfterAServerErrorWithTheSameIdempotencyKey() {
    AfterSalesCase c = received(TestCases.aReturn(), false);
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(okJson("{\"refundId\":\"R-2\"}")));
    calculateRefund.calculate(CALCULATE, c.getId());

    assertThatThrownBy(() -> refundPayment.refund(REFUND, c.getId()))
        .isInstanceOf(ExternalSystemException.class)
        .hasMessageContaining("Payments").hasMessageContaining("POST /payments/refunds").hasMessageContaining("503");
    assertThat(refundPayment.refund(REFUND, c.getId()).refundId()).isEqualTo("R-2");

    String key = c.getId() + ":refund";
    wireMock().verify(2, postRequestedFor(urlEqualTo(REFUNDS))
        .withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("{\"amount\": 179.00, \"idempotencyKey\": \"%s\"}".formatted(key), true, true)));
    assertThat(externalCalls(c)).extracting(e -> e.details().get("outcome")).containsExactly("FAILED", "OK");
  }

  @Test
  void aDeclinedRefundIsTheBpmnErrorRefundDeclined() {
    AfterSalesCase c = received(TestCases.aReturn(), false);
    wireMock().stubFor(post(urlEqualTo(REFUNDS))
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"PAYMENT_TOO_OLD\"}")));
    calculateRefund.calculate(CALCULATE, c.getId());

    assertThatThrownBy(() -> refundPayment.refund(REFUND, c.getId()))
        .isInstanceOfSatisfying(BpmnError.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.REFUND_DECLINED);
          assertThat(e.getErrorMessage()).contains("PAYMENT_TOO_OLD");
        });
    assertThat(refunds.require(c.getId()).status()).isEqualTo(RefundStatus.DECLINED);

    // redelivered: still declined, the provider is not asked again
    assertThatThrownBy(() -> refundPayment.refund(REFUND, c.getId()))
        .isInstanceOfSatisfying(BpmnError.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCodes.REFUND_DECLINED));
    wireMock().verify(1, postRequestedFor(urlEqualTo(REFUNDS)));
  }

  @Test
  void reversesTheInstalmentPlanOnceByTheRefundedAmount() {
    AfterSalesCase c = received(TestCases.aReturn().paidWith(PaymentMethod.HUABEI_INSTALLMENT), false);
    String reversal = "/payments/installment-plans/" + c.getInstallmentPlanId() + "/reversal";
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).willReturn(okJson("{\"refundId\":\"R-3\"}")));
    wireMock().stubFor(post(urlEqualTo(reversal)).willReturn(okJson("{\"status\":\"REVERSED\"}")));
    calculateRefund.calculate(CALCULATE, c.getId());
    refundPayment.refund(REFUND, c.getId());

    reverseInstallmentPlan.reverse(REVERSE, c.getId());
    reverseInstallmentPlan.reverse(REVERSE, c.getId());

    String key = c.getId() + ":installment-reversal";
    wireMock().verify(1, postRequestedFor(urlEqualTo(reversal)));
    wireMock().verify(postRequestedFor(urlEqualTo(reversal))
        .withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("{\"amount\": 179.00, \"idempotencyKey\": \"%s\"}".formatted(key))));
    assertThat(refunds.require(c.getId()).installmentReversed()).isTrue();
  }

  @Test
  void aHuabeiRefundWithReturnShippingReversesOnlyTheGoodsPartOfThePlan() {
    AfterSalesCase c = TestCases.aReturn().statedReason(Reason.QUALITY).paidWith(PaymentMethod.HUABEI_INSTALLMENT)
        .buildReceived(Reason.QUALITY);
    c.decided(Eligibility.EVIDENCE_REVIEW, "Quality within window: review", 15, false);
    c.freightSettled(new BigDecimal("12.00"), null, null); // the customer paid the carrier 12.00
    cases.save(c);
    String reversal = "/payments/installment-plans/" + c.getInstallmentPlanId() + "/reversal";
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).willReturn(okJson("{\"refundId\":\"R-9\"}")));
    wireMock().stubFor(post(urlEqualTo(reversal)).willReturn(okJson("{\"status\":\"REVERSED\"}")));
    calculateRefund.calculate(CALCULATE, c.getId());
    refundPayment.refund(REFUND, c.getId());

    reverseInstallmentPlan.reverse(REVERSE, c.getId());

    // the customer gets 191.00 (the dress 179.00 + the shipping 12.00); the plan financed the dress only
    assertThat(refunds.require(c.getId()).amount()).isEqualByComparingTo("191.00");
    wireMock().verify(1, postRequestedFor(urlEqualTo(reversal))
        .withRequestBody(equalToJson("{\"amount\": 179.00, \"idempotencyKey\": \"%s\"}".formatted(
            c.getId() + ":installment-reversal"))));
  }

  @Test
  void aZeroRefundIsNotSentToTheProviderButRecordedAsNothingToRefund() {
    AfterSalesCase c = received(TestCases.aReturn(), false);
    OrderSnapshot order = snapshots.require(c.getId());
    c.deductionDecided(c.paidForLines(order), "returned empty box", order);
    cases.save(c);
    calculateRefund.calculate(CALCULATE, c.getId());

    assertThat(refundPayment.refund(REFUND, c.getId()).refundId()).isNull();
    refundPayment.refund(REFUND, c.getId()); // redelivered

    wireMock().verify(0, postRequestedFor(urlEqualTo(REFUNDS)));
    Refund refund = refunds.require(c.getId());
    assertThat(refund.status()).isEqualTo(RefundStatus.NOTHING_TO_REFUND);
    assertThat(refund.amount()).isEqualByComparingTo("0.00");
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.summary().equals("Nothing to refund")).hasSize(1);
    assertThat(externalCalls(c)).isEmpty();
  }

  @Test
  void anAlreadyRefundedAnswerToARetriedKeyIsReconciledAndMarkedIssuedWithoutFinance() {
    AfterSalesCase c = received(TestCases.aReturn(), false);
    String key = c.getId() + ":refund";
    wireMock().stubFor(post(urlEqualTo(REFUNDS)).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":\"ALREADY_REFUNDED\"}")));
    wireMock().stubFor(get(urlPathEqualTo(REFUNDS)).withQueryParam("idempotencyKey", equalTo(key))
        .willReturn(okJson("""
            {"refundId": "R-LOST", "amount": 179.00, "status": "SUCCEEDED", "idempotencyKey": "%s"}""".formatted(key))));
    calculateRefund.calculate(CALCULATE, c.getId());

    assertThat(refundPayment.refund(REFUND, c.getId()).refundId()).isEqualTo("R-LOST");

    Refund refund = refunds.require(c.getId());
    assertThat(refund.status()).isEqualTo(RefundStatus.ISSUED);
    assertThat(refund.refundId()).isEqualTo("R-LOST");
    wireMock().verify(1, getRequestedFor(urlPathEqualTo(REFUNDS)).withQueryParam("idempotencyKey", equalTo(key)));
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::summary)
        .contains("Refund already made with this key: issued");
  }

  @Test
  void aFailedRefundSaveAfterASuccessfulRefundAsksAgainWithTheSameKeyAndRecordsOneRefund() throws Exception {
    AfterSalesCase c = received(TestCases.aReturn(), false);
    // the provider keeps its answer per idempotency key: asked again, it answers the refund it made
    wireMock().stubFor(post(urlEqualTo(REFUNDS))
        .willReturn(okJson("{\"refundId\":\"R-5\"}").withFixedDelay(1500)));
    calculateRefund.calculate(CALCULATE, c.getId());

    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<?> firstRun = worker.submit(
          () -> InJobTransaction.run(transactions, () -> refundPayment.refund(REFUND, c.getId())));
      Thread.sleep(500); // the refund call is on its way; another step saves the refund meanwhile (a clash)
      refunds.save(refunds.require(c.getId()).installmentPlanReversed());
      assertThatThrownBy(firstRun::get).hasStackTraceContaining(OptimisticLockingFailureException.class.getSimpleName());
    } finally {
      worker.shutdown();
    }
    // the job's transaction was rolled back: its successful call's entry with it, the refund still not issued
    assertThat(externalCalls(c)).isEmpty();
    assertThat(refunds.require(c.getId()).status()).isNotEqualTo(RefundStatus.ISSUED);

    // the job is retried: the provider is asked again with the same key and answers the same refund
    assertThat(InJobTransaction.run(transactions, () -> refundPayment.refund(REFUND, c.getId())).refundId())
        .isEqualTo("R-5");

    String key = c.getId() + ":refund";
    wireMock().verify(2, postRequestedFor(urlEqualTo(REFUNDS)).withHeader("Idempotency-Key", equalTo(key)));
    wireMock().verify(2, postRequestedFor(urlEqualTo(REFUNDS)));
    assertThat(externalCalls(c)).singleElement().satisfies(call -> assertThat(call.details())
        .containsEntry("idempotencyKey", key).containsEntry("outcome", "OK"));
    assertThat(refunds.require(c.getId())).satisfies(refund -> {
      assertThat(refund.status()).isEqualTo(RefundStatus.ISSUED);
      assertThat(refund.refundId()).isEqualTo("R-5");
    });
  }

  /** A no-reason return that passed eligibility and arrived as NEW, ready to be refunded. */
  private AfterSalesCase received(TestCases request, boolean promotionWindow) {
    AfterSalesCase c = request.buildReceived(Reason.NO_REASON);
    c.decided(Eligibility.AUTO_APPROVE, "Unopened within window: approve", promotionWindow ? 15 : 7, promotionWindow);
    return cases.save(c);
  }

  private List<TimelineEntry> externalCalls(AfterSalesCase c) {
    return timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.EXTERNAL_CALL).toList();
  }
}
