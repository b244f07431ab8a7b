package dev.aftersales.integration;

/**
 * The other system answered 409: a request with the same idempotency key is still being processed
 * (our own earlier attempt, e.g. a job redelivered while its first run waits for the answer). Asking
 * again later is the whole remedy, so it is retried without using up the retry budget.
 */
public class RequestInProgressException extends ExternalSystemException {

  public RequestInProgressException(SurroundingSystem system, String call, String problem, Throwable cause) {
    super(system, call, problem, cause);
  }
}
