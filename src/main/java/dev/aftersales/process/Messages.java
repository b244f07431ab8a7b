package dev.aftersales.process;

/** Message names; every message is correlated by {@code caseId}. */
public final class Messages {

  public static final String PARCEL_RECEIVED = "parcel-received";
  public static final String DIFFERENCE_PAID = "difference-paid";
  /** Stock arrived and was allocated to the case's backorder ({@code POST /api/stock/arrivals}). */
  public static final String STOCK_ARRIVED = "stock-arrived";

  private Messages() {}
}
