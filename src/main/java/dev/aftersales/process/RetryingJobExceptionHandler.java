package dev.aftersales.process;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Technical failures of a worker (a surrounding system down, a timeout, an optimistic-lock clash)
 * fail the job with one retry less and an exponential backoff, so a flapping system is not
 * hammered. When the retries are used up the engine raises an incident whose message says which
 * system failed on which case, for the operator in Operate. BPMN errors and explicit job errors
 * pass through untouched.
 */
public class RetryingJobExceptionHandler implements JobExceptionHandlingStrategy {

  private static final Logger log = LoggerFactory.getLogger(RetryingJobExceptionHandler.class);

  private final JobExceptionHandlingStrategy delegate;
  private final WorkerProperties properties;

  public RetryingJobExceptionHandler(
      CommandExceptionHandlingStrategy commands, MetricsRecorder metrics, WorkerProperties properties) {
    this.delegate = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.properties = properties;
  }

  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context) throws Exception {
    if (exception instanceof CamundaError) {
      delegate.handleException(exception, context);
      return;
    }
    ActivatedJob job = context.job();
    int retriesLeft = Math.max(job.getRetries() - 1, 0);
    Duration backoff = backoff(job);
    String message = describe(exception, job, retriesLeft);
    if (retriesLeft > 0) {
      log.warn("{} Retrying in {}.", message, backoff);
    } else {
      log.error("{} No retries left: an incident is raised.", message, exception);
    }
    delegate.handleException(CamundaError.jobError(message, null, retriesLeft, backoff, exception), context);
  }

  /** Backoff doubles with every failed attempt, from the initial value up to the maximum. */
  Duration backoff(ActivatedJob job) {
    int failedBefore = Math.max(properties.maxRetries() - job.getRetries(), 0);
    long millis = properties.initialBackoff().toMillis() << Math.min(failedBefore, 20);
    return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
  }

  private static String describe(Exception exception, ActivatedJob job, int retriesLeft) {
    Object caseId = job.getVariablesAsMap().get("caseId");
    String cause = exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    return "Step '%s' (job type %s) failed for case %s: %s [%d retries left]"
        .formatted(job.getElementId(), job.getType(), caseId, cause, retriesLeft);
  }
}
