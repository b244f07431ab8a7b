package dev.aftersales.integration;

import org.springframework.http.HttpMethod;

/**
 * One call of a surrounding system. Clients call through it and workers name it in the
 * timeline, so the system and path an auditor or operator reads are exactly the ones called.
 */
public record Endpoint(SurroundingSystem system, HttpMethod method, String path) {

  public static Endpoint post(SurroundingSystem system, String path) {
    return new Endpoint(system, HttpMethod.POST, path);
  }

  public static Endpoint get(SurroundingSystem system, String path) {
    return new Endpoint(system, HttpMethod.GET, path);
  }

  /** How incidents and the timeline name the call, e.g. {@code POST /payments/refunds}. */
  public String call() {
    return method.name() + " " + path;
  }
}
