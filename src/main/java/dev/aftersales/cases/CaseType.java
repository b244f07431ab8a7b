package dev.aftersales.cases;

/** Kind of after-sales request. */
public enum CaseType {
  RETURN, EXCHANGE, WRONG_ITEM, MISSING_ITEM,
  /** An order line cannot ship: reported by the order platform or the warehouse, not by a channel request. */
  OUT_OF_STOCK,
  /** An order the order platform cannot release for shipping: held, then released or cancelled. */
  ORDER_EXCEPTION
}
