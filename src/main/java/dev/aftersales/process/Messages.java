package dev.aftersales.process;

/** Message names; every message is correlated by {@code caseId}. */
public final class Messages {

  public static final String PARCEL_RECEIVED = "parcel-received";
  public static final String DIFFERENCE_PAID = "difference-paid";

  private Messages() {}
}
