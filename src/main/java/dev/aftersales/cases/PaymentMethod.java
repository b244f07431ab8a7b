package dev.aftersales.cases;

/** How the customer paid the order. */
public enum PaymentMethod {
  ALIPAY, WECHAT, HUABEI_INSTALLMENT, CARD,
  /** Paid to the courier on delivery: nothing is paid while the order waits to ship. */
  CASH_ON_DELIVERY
}
