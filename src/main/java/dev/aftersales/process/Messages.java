package dev.aftersales.process;

/** Message names; every message is correlated by {@code caseId}. */
public final class Messages {

  public static final String PARCEL_RECEIVED = "parcel-received";
  public static final String DIFFERENCE_PAID = "difference-paid";
  /** Stock arrived and was allocated to the case's backorder ({@code POST /api/stock/arrivals}). */
  public static final String STOCK_ARRIVED = "stock-arrived";
  /** Starts late-parcel: a parcel came after the case was closed for "no parcel within 7 days". */
  public static final String LATE_PARCEL_RECEIVED = "late-parcel-received";
  /** The customer paid an exception order whose payment had failed ({@code POST …/order-payments}). */
  public static final String ORDER_PAID = "order-paid";
  /** Starts late-payment-refund: the payment provider declined the refund of a late payment. */
  public static final String LATE_PAYMENT_REFUND_DECLINED = "late-payment-refund-declined";

  private Messages() {}
}
