package dev.aftersales.cases;

/**
 * Why goods come back. Who bears the return shipping for each reason is the decision
 * freight-responsibility's (bpmn/freight-responsibility.dmn).
 */
public enum Reason {
  NO_REASON,
  QUALITY,
  WRONG_ITEM,
  MISSING_ITEM,
  /** The order line could not ship (out-of-stock cases). */
  OUT_OF_STOCK
}
