package dev.aftersales.integration;

/**
 * Idempotency keys are derived from the case and the step ({@code {caseId}:refund}), so a retried
 * job sends the same key and the surrounding system acts once.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  public static String of(String caseId, String step) {
    return caseId + ":" + step;
  }

  public static String of(String caseId, String step, Object detail) {
    return caseId + ":" + step + ":" + detail;
  }
}
