package dev.aftersales.process;

/** BPMN error codes: a worker could not reach a business result and a boundary event takes over. */
public final class ErrorCodes {

  /** The payment provider refuses the refund (e.g. the payment is too old to be refunded). */
  public static final String REFUND_DECLINED = "refund-declined";

  private ErrorCodes() {}
}
