package dev.aftersales.cases;

/**
 * RECORDED on the case; CONFIRMED or DISPUTED by the warehouse; a dispute ends UPHELD (the dispute
 * review confirmed the claim) or REJECTED (the claim was rejected). Only CONFIRMED and UPHELD count
 * as the warehouse's picking errors (KPI).
 */
public enum PickingErrorStatus {
  RECORDED, CONFIRMED, DISPUTED, UPHELD, REJECTED;

  /** A picking error the warehouse is charged with (KPI): confirmed by it, or upheld by the dispute review. */
  public boolean counts() {
    return this == CONFIRMED || this == UPHELD;
  }
}
