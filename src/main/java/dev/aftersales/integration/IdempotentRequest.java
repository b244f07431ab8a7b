package dev.aftersales.integration;

/** A write to a surrounding system: its key travels in the body and as the {@code Idempotency-Key} header. */
public interface IdempotentRequest {

  String idempotencyKey();
}
