package dev.aftersales.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.AfterSalesCase.OrderFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.payments.PaymentReports;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/after-sales/cases/{caseId}/difference-payments}: the payment is stored on the case
 * and the exchange, waiting at "Difference paid within 48 hours?", gets exactly one difference-paid message.
 */
class DifferencePaymentApiTest extends ApiTest {

  /** Where the exchange waits for the payment (bpmn/exchange-request.bpmn). */
  private static final String PAYMENT_WAIT = "Gateway_DifferencePaidInTime";
  /** Finance's task when the provider declined a late payment's refund (bpmn/late-payment-refund.bpmn). */
  private static final String ARRANGE_MANUAL_REFUND = "UserTask_ArrangeManualRefund";

  @Autowired CaseRepository cases;
  @Autowired DifferencePaymentRepository differencePayments;
  @Autowired Timeline timeline;
  @Autowired PaymentReports paymentReports;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void providerKnowsNothingYet() {
    wireMock().resetAll();
  }

  @Test
  void thePaymentIsStoredAndCorrelatedToTheWaitingExchange() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerHas("PAY-DIFF-1", "SUCCEEDED", "40.00");

    Answer answer = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-DIFF-1\",\"amount\":40.00}");

    assertThat(answer.status()).isEqualTo(202);
    DifferencePayment payment = differencePayments.findById(c.getId()).orElseThrow();
    assertThat(payment.paymentId()).isEqualTo("PAY-DIFF-1");
    assertThat(payment.paidAmount()).isEqualTo(new BigDecimal("40.00"));
    assertThat(payment.paidAt()).isNotNull();
    // the workers may already be ordering the replacement: find the payment, not just the latest entry
    TimelineEntry entry = timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.MESSAGE)
        .reduce((first, second) -> second).orElseThrow();
    assertThat(entry.elementId()).isEqualTo("IntermediateCatchEvent_DifferencePaid");
    assertThat(entry.actor()).isEqualTo(TestUser.CHANNEL.username);
    assertThat(entry.details()).containsEntry("paymentId", "PAY-DIFF-1");
    assertThat(published(c.getId())).singleElement().satisfies(m -> {
      assertThat(m.getValue().getName()).isEqualTo(Messages.DIFFERENCE_PAID);
      assertThat(m.getValue().getMessageId()).isEqualTo(c.getId() + ":difference-paid");
    });
    assertThat(correlations(c)).hasSize(1);
    assertThat(handledAt(c)).as("handed on: not the payment retry's").isNotNull();
  }

  /**
   * The application stopped between the payment's commit and its message, and the channel never reported it again:
   * the retry tells the waiting exchange (once, with the report's message id), notes it and leaves a trace, whichever
   * of two application instances' retries gets there.
   */
  @Test
  void aPaymentStoredWithoutItsMessageIsToldOnceByTheRetry() {
    AfterSalesCase c = exchangeAwaitingPayment();
    Instant longAgo = Instant.parse("2001-02-01T00:00:00Z").plusSeconds(Math.abs(c.getId().hashCode() % 86_400));
    differencePayments.save(differencePayments.findById(c.getId()).orElseThrow()
        .pay("PAY-CRASH", new BigDecimal("40.00"), longAgo)); // stored as PaymentReports stores it; no message followed

    assertThat(paymentReports.retryBefore(longAgo)).as("stored at that moment, not before it").doesNotContain(c.getId());
    double unhandled = meters.get("aftersales.payments.unhandled").gauge().value();
    assertThat(unhandled).as("this one among them").isGreaterThanOrEqualTo(1);
    Instant before = longAgo.plusMillis(1);
    CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> paymentReports.retryBefore(before));
    CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> paymentReports.retryBefore(before));
    List<String> handedOn = new ArrayList<>(one.join());
    handedOn.addAll(other.join());

    assertThat(handedOn).containsExactly(c.getId());
    assertThat(meters.get("aftersales.payments.unhandled").gauge().value()).isEqualTo(unhandled - 1);
    assertThat(published(c.getId())).singleElement().satisfies(m -> {
      assertThat(m.getValue().getName()).isEqualTo(Messages.DIFFERENCE_PAID);
      assertThat(m.getValue().getMessageId()).isEqualTo(c.getId() + ":difference-paid");
    });
    assertThat(correlations(c)).hasSize(1);
    assertThat(handledAt(c)).isNotNull();
    assertThat(timeline.of(c.getId())).filteredOn(e -> PaymentReports.RETRY_ACTOR.equals(e.actor())).singleElement()
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(TimelineKind.MESSAGE);
          assertThat(e.elementId()).isEqualTo("IntermediateCatchEvent_DifferencePaid");
          assertThat(e.summary()).isEqualTo("Process told of the price difference PAY-CRASH by the payment retry");
        });
    assertThat(paymentReports.retryBefore(before)).as("handed on: not the retry's any more").isEmpty();
  }

  /**
   * A payment after the window closed while the provider refused refunds: the channel got a 503 and never reported
   * it again. The payment is stored; the retry refunds it once the provider is back, with the key the report used.
   */
  @Test
  void aLatePaymentWhoseRefundFailedIsRefundedOnceByTheRetry() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerRefundsAndCancels();
    providerHas("PAY-LATE-DOWN", "SUCCEEDED", "40.00");
    zeebe().increaseTime(Duration.ofHours(48));
    awaitCase(c.getId(), "the payment window closed",
        k -> differencePayments.findById(k.getId()).map(p -> !p.windowOpen()).orElse(false));
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).willReturn(aResponse().withStatus(503)));

    Answer refused = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-LATE-DOWN\",\"amount\":40.00}");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.body().path("detail").asText()).as("says what is true: stored, refund to follow")
        .contains("is stored").contains("refunded within minutes");
    assertThat(differencePayments.findById(c.getId()).orElseThrow().lateRefundDue()).isTrue();
    assertThat(handledAt(c)).isNull();
    providerRefundsAndCancels();
    Instant longAgo = Instant.parse("2001-02-02T00:00:00Z").plusSeconds(Math.abs(c.getId().hashCode() % 86_400));
    jdbc.sql("UPDATE case_difference_payment SET paid_at = :at WHERE case_id = :id")
        .param("at", Timestamp.from(longAgo)).param("id", c.getId()).update();

    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).containsExactly(c.getId());
    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).isEmpty();

    String key = c.getId() + ":late-difference-refund";
    wireMock().verify(2, postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "PAY-LATE-DOWN", "amount": 40.00, "idempotencyKey": "%s"}""".formatted(key), true, true)));
    assertThat(differencePayments.findById(c.getId()).orElseThrow().lateRefundId()).isEqualTo("RF-" + key);
    assertThat(handledAt(c)).isNotNull();
    assertThat(timeline.of(c.getId())).filteredOn(e -> PaymentReports.RETRY_ACTOR.equals(e.actor())).singleElement()
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(TimelineKind.EXTERNAL_CALL);
          assertThat(e.details()).containsEntry("idempotencyKey", key).containsEntry("outcome", "OK");
        });
    assertThat(published(c.getId())).isEmpty();
  }

  /**
   * A payment after the window closed whose refund the provider declines (422) and never made under the key: the
   * payment is not kept and not asked of the provider again (a second report, the retry); finance is handed the case
   * once (late-payment-refund.bpmn) and its refund by hand is recorded on the payment, once.
   */
  @Test
  void aLatePaymentWhoseRefundIsDeclinedIsHandedToFinanceWhoseRefundByHandIsRecordedOnce() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerRefundsAndCancels();
    providerHas("PAY-LATE-DECLINED", "SUCCEEDED", "40.00");
    zeebe().increaseTime(Duration.ofHours(48));
    awaitCase(c.getId(), "the payment window closed",
        k -> differencePayments.findById(k.getId()).map(p -> !p.windowOpen()).orElse(false));
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(c.getId() + ":late-difference-refund")))
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
            .withBody("{\"reason\": \"payer account closed\"}")));
    String body = "{\"paymentId\":\"PAY-LATE-DECLINED\",\"amount\":40.00}";
    double withFinance = meters.get("aftersales.payments.late-refunds-with-finance").gauge().value();

    Answer late = post(TestUser.CHANNEL, path(c), body);
    Answer again = post(TestUser.CHANNEL, path(c), body);

    assertThat(late.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    DifferencePayment payment = differencePayments.findById(c.getId()).orElseThrow();
    assertThat(payment.lateRefundWithFinance()).isTrue();
    assertThat(payment.lateRefundDue()).as("not asked of the provider again").isFalse();
    assertThat(meters.get("aftersales.payments.late-refunds-with-finance").gauge().value()).isEqualTo(withFinance + 1);
    assertThat(handledAt(c)).as("handed on: not the payment retry's").isNotNull();
    wireMock().verify(1, refundsOf(c));
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.EXTERNAL_CALL)
        .filteredOn(e -> "DECLINED".equals(e.details().get("outcome"))).singleElement()
        .satisfies(e -> assertThat(e.summary()).contains("finance refunds it by hand"));
    List<Long> handOver = instancesStartedBy(Messages.LATE_PAYMENT_REFUND_DECLINED, c.getId());
    assertThat(handOver).hasSize(1);
    assertThat(published(c.getId())).filteredOn(m -> m.getValue().getName().equals(Messages.LATE_PAYMENT_REFUND_DECLINED))
        .first().satisfies(m -> {
          Map<String, Object> variables = m.getValue().getVariables();
          assertThat(new BigDecimal(String.valueOf(variables.get("refundAmount")))).isEqualByComparingTo("40.00");
          assertThat(variables).containsEntry("paymentMethod", "PAY_LINK").containsEntry("latePayment",
              Map.of("paymentId", "PAY-LATE-DECLINED", "why", "difference paid after the window closed"));
        });
    awaitUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND);
    assertThat(zeebe().requireOpenUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND).getCandidateGroupsList())
        .containsExactly("finance-team");

    zeebe().completeUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND,
        Map.of("manualRefundReference", "BT-20261208-7", "manualRefundNote", "bank transfer"));

    awaitCase(c.getId(), "finance's refund recorded", k -> differencePayments.findById(k.getId())
        .map(p -> "manual:BT-20261208-7".equals(p.lateRefundId())).orElse(false));
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK)
        .anySatisfy(e -> assertThat(e.summary()).isEqualTo("Late payment refunded manually, reference BT-20261208-7"));
    assertThat(meters.get("aftersales.payments.late-refunds-with-finance").gauge().value()).isEqualTo(withFinance);
    assertThat(post(TestUser.CHANNEL, path(c), body).status()).isEqualTo(202);
    wireMock().verify(1, refundsOf(c));
    assertThat(instancesStartedBy(Messages.LATE_PAYMENT_REFUND_DECLINED, c.getId())).hasSize(1);
  }

  /**
   * The provider declined a late payment's refund and the decline was stored, but the hand-over to finance never
   * reached the engine (it was away) and the channel did not report the payment again: the payment retry hands it to
   * finance, once, and does not ask the provider for the refund again.
   */
  @Test
  void aDeclinedLateRefundWhoseHandOverWasLostIsHandedToFinanceByTheRetry() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerRefundsAndCancels();
    zeebe().increaseTime(Duration.ofHours(48));
    awaitCase(c.getId(), "the payment window closed",
        k -> differencePayments.findById(k.getId()).map(p -> !p.windowOpen()).orElse(false));
    Instant longAgo = Instant.parse("2001-02-04T00:00:00Z").plusSeconds(Math.abs(c.getId().hashCode() % 86_400));
    differencePayments.save(differencePayments.findById(c.getId()).orElseThrow()
        .pay("PAY-LOST-HANDOVER", new BigDecimal("40.00"), longAgo).lateRefundDeclined(longAgo));

    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).containsExactly(c.getId());
    assertThat(paymentReports.retryBefore(longAgo.plusMillis(1))).as("handed on: not the retry's any more").isEmpty();

    List<Long> handOver = instancesStartedBy(Messages.LATE_PAYMENT_REFUND_DECLINED, c.getId());
    assertThat(handOver).hasSize(1);
    awaitUserTask(handOver.getFirst(), ARRANGE_MANUAL_REFUND);
    assertThat(handledAt(c)).isNotNull();
    wireMock().verify(0, refundsOf(c));
    assertThat(differencePayments.findById(c.getId()).orElseThrow().lateRefundWithFinance()).isTrue();
  }

  @Test
  void theSamePaymentAgainIsAcceptedAndCorrelatedOnceADifferentOneIsAConflict() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerHas("PAY-DIFF-2", "SUCCEEDED", "40.00");
    String body = "{\"paymentId\":\"PAY-DIFF-2\",\"amount\":40}";

    assertThat(post(TestUser.CHANNEL, path(c), body).status()).isEqualTo(202);
    assertThat(post(TestUser.CHANNEL, path(c), body).status()).isEqualTo(202);
    Answer other = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-DIFF-3\",\"amount\":40}");

    assertThat(other.status()).isEqualTo(409);
    assertThat(other.contentType()).isEqualTo("application/problem+json");
    assertThat(other.body().path("detail").asText()).contains("PAY-DIFF-2");
    assertThat(published(c.getId())).hasSize(1);
    assertThat(correlations(c)).hasSize(1);
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.MESSAGE).hasSize(1);
  }

  @Test
  void anAmountOtherThanTheRequestedDifferenceIs422AndNothingIsStored() {
    AfterSalesCase c = exchangeAwaitingPayment();

    Answer answer = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-DIFF-4\",\"amount\":35.00}");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(errorFields(answer)).containsExactly("amount");
    assertThat(differencePayments.findById(c.getId()).orElseThrow().paid()).isFalse();
    assertThat(published(c.getId())).isEmpty();
  }

  @Test
  void aCaseThatAskedForNoDifferenceIs409() {
    AfterSalesCase nothingAsked = cases.save(exchange());

    Answer notAsked = post(TestUser.CHANNEL, path(nothingAsked), "{\"paymentId\":\"P\",\"amount\":40}");

    assertThat(notAsked.status()).isEqualTo(409);
    assertThat(notAsked.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aPaymentTheProviderDoesNotConfirmIsRefusedAndTheExchangeKeepsWaiting() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerHas("PAY-PENDING", "PENDING", "40.00");
    providerHas("PAY-SHORT", "SUCCEEDED", "4.00");

    Answer unknown = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-NOBODY-KNOWS\",\"amount\":40.00}");
    Answer pending = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-PENDING\",\"amount\":40.00}");
    Answer short_ = post(TestUser.CHANNEL, path(c), "{\"paymentId\":\"PAY-SHORT\",\"amount\":40.00}");

    assertThat(unknown.status()).isEqualTo(422);
    assertThat(errorFields(unknown)).containsExactly("paymentId");
    assertThat(pending.status()).isEqualTo(422);
    assertThat(pending.body().path("detail").asText()).contains("PENDING");
    assertThat(short_.status()).isEqualTo(422);
    assertThat(errorFields(short_)).containsExactly("amount");
    assertThat(differencePayments.findById(c.getId()).orElseThrow().paid()).isFalse();
    assertThat(published(c.getId())).isEmpty();
    wireMock().verify(1, getRequestedFor(urlPathEqualTo("/payments/PAY-NOBODY-KNOWS")));
  }

  @Test
  void whenTheWindowClosesThePaymentRequestIsCancelledOnceAndALatePaymentIsRefundedAutomaticallyOnce() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerRefundsAndCancels();
    providerHas("PAY-LATE", "SUCCEEDED", "40.00");

    zeebe().increaseTime(Duration.ofHours(48));
    awaitCase(c.getId(), "the payment window closed",
        k -> differencePayments.findById(k.getId()).map(p -> !p.windowOpen()).orElse(false));
    String body = "{\"paymentId\":\"PAY-LATE\",\"amount\":40.00}";
    Answer late = post(TestUser.CHANNEL, path(c), body);
    Answer again = post(TestUser.CHANNEL, path(c), body);

    assertThat(late.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    String cancellation = "/payments/payment-requests/PR-" + c.getId() + "/cancellation";
    wireMock().verify(1, postRequestedFor(urlEqualTo(cancellation))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":payment-request-cancellation")));
    String key = c.getId() + ":late-difference-refund";
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "PAY-LATE", "amount": 40.00, "currency": "CNY", "idempotencyKey": "%s"}""".formatted(key))));
    DifferencePayment payment = differencePayments.findById(c.getId()).orElseThrow();
    assertThat(payment.paymentId()).isEqualTo("PAY-LATE");
    assertThat(payment.lateRefundId()).isEqualTo("RF-" + key);
    assertThat(published(c.getId())).isEmpty();
  }

  @Test
  void aPaymentStoredJustBeforeTheWindowClosedThatTheProcessDidNotTakeIsRefundedWhenItCloses() {
    AfterSalesCase c = exchangeAwaitingPayment();
    providerRefundsAndCancels();
    // The channel's report was stored, but its message never reached the process (the engine was away).
    differencePayments.save(differencePayments.findById(c.getId()).orElseThrow()
        .pay("PAY-RACE", new BigDecimal("40.00"), Instant.now()));

    zeebe().increaseTime(Duration.ofHours(48));
    awaitCase(c.getId(), "the late payment refunded",
        k -> differencePayments.findById(k.getId()).map(p -> p.lateRefundId() != null).orElse(false));

    String key = c.getId() + ":late-difference-refund";
    assertThat(differencePayments.findById(c.getId()).orElseThrow().lateRefundId()).isEqualTo("RF-" + key);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson("""
        {"paymentId": "PAY-RACE", "amount": 40.00, "idempotencyKey": "%s"}""".formatted(key), true, true)));
  }

  @Test
  void unknownCaseIs404AndAnInvalidPaymentIs400NamingEveryBadField() {
    Answer unknown = post(TestUser.CHANNEL, "/api/after-sales/cases/no-such-case/difference-payments",
        "{\"paymentId\":\"P\",\"amount\":40}");
    Answer invalid = post(TestUser.CHANNEL, "/api/after-sales/cases/no-such-case/difference-payments",
        "{\"paymentId\":\" \",\"amount\":-1.234}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(errorFields(invalid)).containsExactlyInAnyOrder("paymentId", "amount", "amount");
  }

  @Test
  void onlyChannelsReportPayments() {
    AfterSalesCase c = exchangeAwaitingPayment();
    String body = "{\"paymentId\":\"PAY-DIFF-5\",\"amount\":40}";

    assertThat(post(TestUser.AGENT, path(c), body).status()).isEqualTo(403);
    assertThat(post(TestUser.WAREHOUSE, path(c), body).status()).isEqualTo(403);
    assertThat(post(TestUser.AUDITOR, path(c), body).status()).isEqualTo(403);
    assertThat(call(null, HttpMethod.POST, path(c), body).status()).isEqualTo(401);
    assertThat(differencePayments.findById(c.getId()).orElseThrow().paid()).isFalse();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The payment provider's answer to {@code GET /payments/{paymentId}}. */
  private static void providerHas(String paymentId, String status, String amount) {
    wireMock().stubFor(WireMock.get(urlPathEqualTo("/payments/" + paymentId)).willReturn(okJson("""
        {"paymentId": "%s", "status": "%s", "amount": %s}""".formatted(paymentId, status, amount))));
  }

  /** Refunds (id from the key), cancellations and notifications answered as the sandbox does. */
  private static void providerRefundsAndCancels() {
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"refundId\": \"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}")
        .withTransformers("response-template")));
    wireMock().stubFor(WireMock.post(urlPathMatching("/payments/payment-requests/[^/]+/cancellation"))
        .willReturn(okJson("{\"status\": \"CANCELLED\"}")));
    wireMock().stubFor(WireMock.post(urlEqualTo("/notifications")).willReturn(okJson("{\"notificationId\": \"N-1\"}")));
  }

  /**
   * An exchange for a dress 40.00 dearer, its payment requested, whose process instance waits for the
   * payment. The instance starts right at the wait so that no job before it needs a worker.
   */
  private AfterSalesCase exchangeAwaitingPayment() {
    AfterSalesCase c = exchange();
    c.priceSettled(new BigDecimal("40.00"));
    DifferencePayment requested = DifferencePayment.planned(c.getId(), new BigDecimal("40.00"),
        c.getId() + ":difference-payment").request("PR-" + c.getId(), "https://pay.example/" + c.getId(), Instant.now());
    long key = zeebe().client().newCreateInstanceCommand()
        .bpmnProcessId(ProcessIds.EXCHANGE_REQUEST).latestVersion()
        .variables(Map.of("caseId", c.getId(), "orderId", c.getOrderId(), "freightInsured", false,
            "paidByInstallments", false))
        .startBeforeElement(PAYMENT_WAIT)
        .send().join(10, TimeUnit.SECONDS).getProcessInstanceKey();
    cases.save(c);
    differencePayments.save(requested);
    cases.linkProcessInstance(c.getId(), key);
    zeebe().waitForIdle();
    return cases.require(c.getId());
  }

  private static AfterSalesCase exchange() {
    Instant signed = Instant.now().minus(3, ChronoUnit.DAYS);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return AfterSalesCase.open(CaseType.EXCHANGE, "JD", "R-" + suffix, "O-" + suffix, null, "wants silk", null,
        List.of(ReturnLine.requested("SKU-A", 1, "SKU-A-SILK")), List.of(),
        new OrderFacts("C-" + suffix, signed, signed, null, "PAY-1", PaymentMethod.ALIPAY, null, false, "WH-SH",
            List.of(new OrderLine("SKU-A", "Kettle", 1, new BigDecimal("99.00"), new BigDecimal("99.00"), false, null))),
        Instant.now());
  }

  /** The refunds asked of the provider for this case's late difference (the stand-in is shared by every test). */
  private static RequestPatternBuilder refundsOf(AfterSalesCase c) {
    return postRequestedFor(urlEqualTo("/payments/refunds"))
        .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo(c.getId() + ":late-difference-refund")));
  }

  private Instant handledAt(AfterSalesCase c) {
    return jdbc.sql("SELECT payment_handled_at FROM case_difference_payment WHERE case_id = :id").param("id", c.getId())
        .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
  }

  private static String path(AfterSalesCase c) {
    return ApiPaths.CASES + "/" + c.getId() + "/difference-payments";
  }

  private static List<Record<MessageRecordValue>> published(String caseId) {
    return publishedMessages(caseId);
  }

  private static List<Record<ProcessMessageSubscriptionRecordValue>> correlations(AfterSalesCase c) {
    return correlations(c.getProcessInstanceKey(), Messages.DIFFERENCE_PAID);
  }
}
