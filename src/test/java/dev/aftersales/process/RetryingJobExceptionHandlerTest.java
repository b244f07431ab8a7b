package dev.aftersales.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.RequestInProgressException;
import dev.aftersales.integration.SurroundingSystem;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The retry budget: a surrounding system down for 10 minutes raises no incident with the defaults,
 * and contention (a 409 for the same key in progress, an optimistic-lock clash) never uses it up.
 */
class RetryingJobExceptionHandlerTest {

  /** The defaults of application.yaml and {@link WorkerProperties}. */
  private static final WorkerProperties DEFAULTS =
      new WorkerProperties(10, Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(2));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  /** The count as table job_attempt keeps it (JobAttempts; RetryBudgetEngineTest runs it for real). */
  private final Map<Long, Integer> counted = new HashMap<>();
  private final RetryingJobExceptionHandler handler = new RetryingJobExceptionHandler(null, null, DEFAULTS,
      new RetryingJobExceptionHandler.FailureCount() {
        @Override
        public int failed(long jobKey) {
          return counted.merge(jobKey, 1, Integer::sum);
        }

        @Override
        public int failedSoFar(long jobKey) {
          return counted.getOrDefault(jobKey, 0);
        }
      }, registry, new JobTransactions(null));

  private static final ExternalSystemException DOWN =
      new ExternalSystemException(SurroundingSystem.PAYMENTS, "POST /payments/refunds", "answered HTTP 503", null);

  @Test
  void aTenMinuteOutageIsRiddenThroughWithoutAnIncidentByTheDefaults() {
    Duration waited = Duration.ZERO;
    // Every attempt fails until the outage ends; the next attempt after it succeeds.
    while (waited.compareTo(Duration.ofMinutes(10)) < 0) {
      JobError error = (JobError) handler.failure(DOWN, job(1));
      assertThat(error.getRetries()).as("retries left after %s of outage", waited).isPositive();
      waited = waited.plus(error.getRetryBackoff());
    }
    assertThat(registry.find("aftersales.jobs.incidents").counter()).isNull();
  }

  @Test
  void aSpentBudgetRaisesAnIncidentAndCountsItByJobType() {
    counted.put(2L, 9);
    JobError error = (JobError) handler.failure(DOWN, job(2));

    assertThat(error.getRetries()).isZero();
    assertThat(error.getErrorMessage()).contains("Payments").contains("case C-1").contains("[0 retries left]");
    assertThat(registry.get("aftersales.jobs.incidents").tag("type", JobTypes.REFUND_PAYMENT).counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aRequestInProgressIsRetriedWithoutUsingUpTheBudget() {
    RequestInProgressException inProgress = new RequestInProgressException(SurroundingSystem.PAYMENTS,
        "POST /payments/refunds", "is still processing a request with the same idempotency key (HTTP 409)", null);

    counted.put(3L, 9);
    for (int redelivery = 0; redelivery < 50; redelivery++) {
      JobError error = (JobError) handler.failure(inProgress, job(3));
      assertThat(error.getRetries()).isEqualTo(1);
      assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofSeconds(2));
    }
    assertThat(counted).containsEntry(3L, 9);
    assertThat(registry.find("aftersales.jobs.incidents").counter()).isNull();
  }

  @Test
  void anOptimisticLockClashIsRetriedWithoutUsingUpTheBudget() {
    RuntimeException clash = new IllegalStateException("save failed",
        new OptimisticLockingFailureException("case changed since it was loaded"));

    counted.put(4L, 3);
    JobError error = (JobError) handler.failure(clash, job(4));

    assertThat(error.getRetries()).isEqualTo(7);
    assertThat(counted).containsEntry(4L, 3);
    assertThat(error.getRetryBackoff()).isEqualTo(DEFAULTS.contentionBackoff());
  }

  @Test
  void theBackoffDoublesUpToTheMaximum() {
    assertThat(handler.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(handler.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(handler.backoff(5)).isEqualTo(Duration.ofSeconds(80));
    assertThat(handler.backoff(6)).isEqualTo(Duration.ofMinutes(2));
    assertThat(handler.backoff(40)).isEqualTo(Duration.ofMinutes(2));
  }

  private static ActivatedJob job(long key) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    when(job.getVariablesAsMap()).thenReturn(Map.of("caseId", "C-1"));
    when(job.getType()).thenReturn(JobTypes.REFUND_PAYMENT);
    when(job.getElementId()).thenReturn("ServiceTask_RefundPayment");
    when(job.getRetries()).thenReturn(3);
    return job;
  }
}
