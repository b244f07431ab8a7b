package dev.aftersales.process;

import dev.aftersales.integration.RequestInProgressException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Technical failures of a worker (a surrounding system down, a timeout) fail the job with an
 * exponential backoff, so a flapping system is not hammered, until the budget of
 * {@link WorkerProperties#maxRetries()} attempts is spent; then the engine raises an incident whose
 * message says which system failed on which case, for the operator in Operate.
 *
 * <p>The attempts are counted per job key in the case store ({@link FailureCount}, {@link JobAttempts}),
 * not in the job's retries: the models keep the engine's default retries, and the count survives a
 * restart of the application or a second instance taking the job over. When the store itself is away
 * the failure is retried with the same retries and the maximum backoff: no incident flood for an outage
 * of the database, which fails every step alike.
 *
 * <p>Contention is no failure of the step and does not count: the other system still processes the
 * same idempotency key (409, {@link RequestInProgressException}) or another worker saved the case
 * first (optimistic lock). It is retried after {@link WorkerProperties#contentionBackoff()}.
 * BPMN errors and explicit job errors pass through untouched.
 */
public class RetryingJobExceptionHandler implements JobExceptionHandlingStrategy {

  /** Where the failures of a job are counted. */
  public interface FailureCount {

    /** Counts one more failure of the job; returns the failures so far, this one included. */
    int failed(long jobKey);

    /** The failures counted so far. */
    int failedSoFar(long jobKey);

    /** The job failed with no attempts left: an incident; its case shows the step as blocked. */
    default void budgetSpent(ActivatedJob job, String error) {}
  }

  private static final Logger log = LoggerFactory.getLogger(RetryingJobExceptionHandler.class);

  private final JobExceptionHandlingStrategy delegate;
  private final WorkerProperties properties;
  private final FailureCount failures;
  private final MeterRegistry registry;
  private final JobTransactions transactions;

  public RetryingJobExceptionHandler(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics,
      WorkerProperties properties, FailureCount failures, MeterRegistry registry, JobTransactions transactions) {
    this.delegate = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.properties = properties;
    this.failures = failures;
    this.registry = registry;
    this.transactions = transactions;
  }

  /**
   * A BPMN error is a result the worker recorded on the case (a declined refund): its writes commit before
   * the engine takes the error. Any other failure undoes the job's writes before it is counted.
   */
  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context) throws Exception {
    if (exception instanceof CamundaError) {
      try {
        transactions.commit();
      } catch (RuntimeException e) {
        delegate.handleException(failure(e, context.job()), context);
        return;
      }
      delegate.handleException(exception, context);
      return;
    }
    transactions.rollback();
    delegate.handleException(failure(exception, context.job()), context);
  }

  /** The job error to fail the job with: retries left, backoff and the attempt count to keep. */
  CamundaError failure(Exception exception, ActivatedJob job) {
    if (contention(exception)) {
      int failedBefore = counted(() -> failures.failedSoFar(job.getKey()));
      int retriesLeft = Math.max(properties.maxRetries() - Math.max(failedBefore, 0), 1);
      String message = describe(exception, job, retriesLeft);
      log.info("{} Contention, not counted: retrying in {}.", message, properties.contentionBackoff());
      Counter.builder("aftersales.jobs.contention").description("Job attempts retried without using the budget")
          .tag("type", job.getType()).register(registry).increment();
      return CamundaError.jobError(message, null, retriesLeft, properties.contentionBackoff(), exception);
    }
    int failed = counted(() -> failures.failed(job.getKey()));
    if (failed < 0) {
      String message = describe(exception, job, Math.max(job.getRetries(), 1));
      log.warn("{} The failure could not be counted (case store away): retrying in {}.", message,
          properties.maxBackoff());
      return CamundaError.jobError(message, null, Math.max(job.getRetries(), 1), properties.maxBackoff(), exception);
    }
    int retriesLeft = Math.max(properties.maxRetries() - failed, 0);
    Duration backoff = backoff(failed);
    String message = describe(exception, job, retriesLeft);
    if (retriesLeft > 0) {
      log.warn("{} Retrying in {}.", message, backoff);
    } else {
      log.error("{} No retries left: an incident is raised.", message, exception);
      Counter.builder("aftersales.jobs.incidents").description("Jobs failed with no retries left (incidents raised)")
          .tag("type", job.getType()).register(registry).increment();
      int noted = counted(() -> {
        failures.budgetSpent(job, message);
        return 0;
      });
      if (noted < 0) {
        log.warn("{} The blocked step could not be noted on its case.", message);
      }
    }
    return CamundaError.jobError(message, null, retriesLeft, backoff, exception);
  }

  /** Backoff doubles with every failed attempt, from the initial value up to the maximum. */
  Duration backoff(int failedAttempts) {
    long millis = properties.initialBackoff().toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
  }

  /** The count, or -1 when the store did not answer. */
  private static int counted(IntSupplier count) {
    try {
      return count.getAsInt();
    } catch (RuntimeException e) {
      log.warn("Job failures not counted: {}", e.getMessage());
      return -1;
    }
  }

  private static boolean contention(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestInProgressException || t instanceof OptimisticLockingFailureException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Exception exception, ActivatedJob job, int retriesLeft) {
    Object caseId = job.getVariablesAsMap().get("caseId");
    String cause = exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    return "Step '%s' (job type %s) failed for case %s: %s [%d retries left]"
        .formatted(job.getElementId(), job.getType(), caseId, cause, retriesLeft);
  }
}
