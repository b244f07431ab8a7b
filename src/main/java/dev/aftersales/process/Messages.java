package dev.aftersales.process;

/** Message names; every message is correlated by {@code caseId}. */
public final class Messages {

  public static final String PARCEL_RECEIVED = "parcel-received";

  private Messages() {}
}
