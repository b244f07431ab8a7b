package dev.aftersales.cases;

/** Why goods come back. The merchant is at fault for all but NO_REASON (freight settlement depends on it). */
public enum Reason {
  NO_REASON,
  QUALITY,
  WRONG_ITEM,
  MISSING_ITEM,
  /** The order line could not ship (out-of-stock cases). */
  OUT_OF_STOCK;

  public boolean merchantFault() {
    return this != NO_REASON;
  }
}
