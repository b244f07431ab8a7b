package dev.aftersales.process;

/** BPMN error codes: a worker could not reach a business result and a boundary event takes over. */
public final class ErrorCodes {

  /** The payment provider refuses the refund (e.g. the payment is too old to be refunded). */
  public static final String REFUND_DECLINED = "refund-declined";

  /** The goods of a return or exchange will not come back: the request was rejected or refused. */
  public static final String GOODS_REJECTED = "goods-rejected";

  /** The customer never sent the parcel within the waiting time. */
  public static final String GOODS_NOT_RECEIVED = "goods-not-received";

  /** The substitute the customer chose does not cost what the ordered item cost: the agent offers another. */
  public static final String SUBSTITUTE_PRICE_DIFFERS = "substitute-price-differs";

  private ErrorCodes() {}
}
