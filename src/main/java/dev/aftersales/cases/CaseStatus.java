package dev.aftersales.cases;

/** Where a case stands; the REST API shows it. */
public enum CaseStatus {
  OPEN, UNDER_REVIEW, AWAITING_PARCEL, RECEIVED, REJECTED, REFUNDED, EXCHANGED, RESHIPPED, CANCELLED, CLOSED
}
