package dev.aftersales.cases;

/** Kind of after-sales request. */
public enum CaseType {
  RETURN, EXCHANGE, WRONG_ITEM, MISSING_ITEM
}
