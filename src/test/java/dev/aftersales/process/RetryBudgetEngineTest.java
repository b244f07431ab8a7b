package dev.aftersales.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundCalculation.Breakdown;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.workers.TestCases;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retry budget with the real engine and the live refund worker (tests back off 100 ms to 1 s):
 * the attempt count survives from one activation to the next, a provider's "in progress" (409)
 * never spends it, and a spent budget is one incident.
 */
class RetryBudgetEngineTest extends ApiTest {

  private static final String REFUNDS = "/payments/refunds";

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired WorkerProperties workers;

  /** The instances a test started: cancelled after it, so that none keeps calling the next test's stubs. */
  private final List<Long> started = new ArrayList<>();

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @AfterEach
  void cancelStartedInstances() {
    for (long instance : started) {
      try {
        zeebe().client().newCancelInstanceCommand(instance).send().join(10, TimeUnit.SECONDS);
      } catch (RuntimeException alreadyEnded) {
        // completed or cancelled already: nothing left to call the sandbox
      }
    }
  }

  @Test
  void aProviderDownForGoodIsTriedTheConfiguredNumberOfTimesThenOneIncident() {
    wireMock().stubFor(WireMock.post(urlEqualTo(REFUNDS)).willReturn(aResponse().withStatus(503)));
    long instance = refundStep();

    awaitInstance(instance, "an incident", () -> ApiTest.<IncidentRecordValue>engineRecords(ValueType.INCIDENT).stream()
        .anyMatch(r -> r.getIntent() == IncidentIntent.CREATED && r.getValue().getProcessInstanceKey() == instance));

    List<JobRecordValue> failures = failed(instance);
    assertThat(failures).hasSize(workers.maxRetries());
    assertThat(failures).extracting(JobRecordValue::getRetries)
        .startsWith(workers.maxRetries() - 1, workers.maxRetries() - 2).endsWith(0);
    wireMock().verify(workers.maxRetries(), postRequestedFor(urlEqualTo(REFUNDS)));
  }

  @Test
  void requestsInProgressAreRetriedWithoutSpendingTheBudgetAndTheRefundIsIssuedOnce() {
    int inProgress = workers.maxRetries() + 2; // more 409s than the budget has attempts
    for (int i = 0; i < inProgress; i++) {
      wireMock().stubFor(WireMock.post(urlEqualTo(REFUNDS)).inScenario("busy").whenScenarioStateIs(i == 0 ? STARTED : "409-" + i)
          .willReturn(aResponse().withStatus(409).withBody("{\"code\":\"REQUEST_IN_PROGRESS\"}"))
          .willSetStateTo("409-" + (i + 1)));
    }
    wireMock().stubFor(WireMock.post(urlEqualTo(REFUNDS)).inScenario("busy").whenScenarioStateIs("409-" + inProgress)
        .willReturn(okJson("{\"refundId\":\"R-BUSY\"}")));
    AfterSalesCase c = received();
    long instance = refundStep(c);

    awaitInstance(instance, "the refund issued",
        () -> refunds.findById(c.getId()).map(r -> r.status() == RefundStatus.ISSUED).orElse(false));

    assertThat(refunds.require(c.getId()).refundId()).isEqualTo("R-BUSY");
    // the steps after the refund may fail too (their systems are not stubbed here): count the refund's only
    assertThat(failed(instance)).filteredOn(job -> job.getType().equals(JobTypes.REFUND_PAYMENT)).hasSize(inProgress)
        .allSatisfy(job -> assertThat(job.getRetries()).isEqualTo(workers.maxRetries()));
    assertThat(engineRecords(ValueType.INCIDENT)).noneMatch(r -> r.getValue() instanceof IncidentRecordValue v
        && v.getProcessInstanceKey() == instance);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private AfterSalesCase received() {
    AfterSalesCase c = TestCases.aReturn().buildReceived(Reason.NO_REASON);
    BigDecimal amount = new BigDecimal("179.00");
    BigDecimal none = new BigDecimal("0.00");
    AfterSalesCase stored = cases.save(c);
    refunds.save(Refund.calculated(c.getId(), new Breakdown(amount, none, none, none, amount), c.getId() + ":refund"));
    return stored;
  }

  private long refundStep() {
    return refundStep(received());
  }

  /** A return-request instance of the case that starts right at "Refund payment". */
  private long refundStep(AfterSalesCase c) {
    long key = zeebe().client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.RETURN_REQUEST).latestVersion()
        .variables(Map.of("caseId", c.getId(), "orderId", c.getOrderId(), "freightInsured", false,
            "paidByInstallments", false))
        .startBeforeElement("ServiceTask_RefundPayment")
        .send().join(10, TimeUnit.SECONDS).getProcessInstanceKey();
    started.add(key);
    cases.linkProcessInstance(c.getId(), key);
    return key;
  }

  private static List<JobRecordValue> failed(long instance) {
    return ApiTest.<JobRecordValue>engineRecords(ValueType.JOB).stream()
        .filter(r -> r.getIntent() == JobIntent.FAILED)
        .map(Record::getValue)
        .filter(v -> v.getProcessInstanceKey() == instance)
        .toList();
  }

  /** What the engine recorded of the instance's jobs, in order: intent, retries, backoff, when and by which worker. */
  private static List<String> jobHistory(long instance) {
    return ApiTest.<JobRecordValue>engineRecords(ValueType.JOB).stream()
        .filter(r -> r.getValue().getProcessInstanceKey() == instance)
        .map(r -> "%s %s %s retries=%d backoff=%d worker=%s".formatted(Instant.ofEpochMilli(r.getTimestamp()),
            r.getRecordType(), r.getIntent(), r.getValue().getRetries(), r.getValue().getRetryBackoff(),
            r.getValue().getWorker()))
        .toList();
  }

  /**
   * Ten attempts with backoffs of 100 ms to 1 s take about 10 s. The wait is longer than twice the workers' job
   * timeout (60 s): twice a CI run saw no incident within 60 s, and a job handed to a worker that never reports
   * back is offered again only when that timeout runs out; a failure then lists the job's history to tell.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(150);

  /**
   * Waits until the instance reached {@code what}, recurring a job the engine stranded in its backoff (both tests
   * fail the refund job with a backoff many times, so both can meet camunda/camunda#16884, see
   * {@link dev.aftersales.testsupport.ProcessTestEngine#recurJobsStrandedInBackoff}: the incident test did on 7 December
   * 2026, its third backoff's recur rejected and then nothing for 150 s; the 409 test did in a CI run the same day, its
   * tenth 409 answered and no eleventh attempt for 40 s).
   */
  private void awaitInstance(long instance, String what, BooleanSupplier reached) {
    Instant started = Instant.now();
    Instant deadline = started.plus(PATIENCE);
    while (!reached.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("instance %d did not reach %s within %s; its jobs' history: %s; requests to %s: %d"
            .formatted(instance, what, PATIENCE, jobHistory(instance), REFUNDS,
                wireMock().findAll(postRequestedFor(urlEqualTo(REFUNDS))).size()));
      }
      zeebe().recurJobsStrandedInBackoff();
      // The backoffs here are 100 ms to 1 s of wall time: wait them out, without moving the engine's clock.
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    Duration waited = Duration.between(started, Instant.now());
    // reached, but slower than the attempts can explain: leave the history for whoever looks
    if (waited.toSeconds() > 30) {
      System.err.printf("Instance %d reached %s after %s; its jobs' history: %s%n", instance, what, waited,
          jobHistory(instance));
    }
  }
}
