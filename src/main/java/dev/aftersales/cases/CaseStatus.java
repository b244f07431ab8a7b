package dev.aftersales.cases;

/** Where a case stands; the REST API shows it. */
public enum CaseStatus {
  OPEN, UNDER_REVIEW, AWAITING_PARCEL, RECEIVED, WAITING_FOR_STOCK,
  REJECTED, REFUNDED, EXCHANGED, RESHIPPED, CANCELLED, SHIPPED, SUBSTITUTED, CLOSED,
  /** An exception order held in the order platform while it is resolved. */
  ON_HOLD,
  /** An exception order released for shipping. */
  RELEASED;

  /** Whether the case is over: nothing more happens for the customer. */
  public boolean isFinal() {
    return switch (this) {
      case REJECTED, REFUNDED, EXCHANGED, RESHIPPED, CANCELLED, SHIPPED, SUBSTITUTED, CLOSED, RELEASED -> true;
      default -> false;
    };
  }
}
