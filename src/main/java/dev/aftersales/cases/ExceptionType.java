package dev.aftersales.cases;

/** Why the order platform cannot release an order for shipping (docs/exception-orders-process.md). */
public enum ExceptionType {
  ADDRESS_INCOMPLETE,
  PAYMENT_FAILED,
  BLACKLISTED_CUSTOMER,
  CASH_ON_DELIVERY,
  TOO_MANY_PARCELS,
  CARRIER_OUT_OF_AREA,
  /** Handed to the out-of-stock flow at intake: the case is an OUT_OF_STOCK one, not an exception case. */
  OUT_OF_STOCK
}
