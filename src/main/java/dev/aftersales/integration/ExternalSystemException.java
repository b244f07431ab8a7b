package dev.aftersales.integration;

/**
 * A surrounding system could not be reached or answered with a server error: a technical failure,
 * retried with backoff and finally an incident. The message names the system and the call so that
 * an operator reading the incident knows where to look.
 */
public class ExternalSystemException extends RuntimeException {

  private final SurroundingSystem system;

  public ExternalSystemException(SurroundingSystem system, String call, String problem, Throwable cause) {
    super("%s did not complete %s: %s".formatted(system.displayName(), call, problem), cause);
    this.system = system;
  }

  public SurroundingSystem system() {
    return system;
  }
}
