package dev.aftersales.cases;

/** How the customer paid the order. */
public enum PaymentMethod {
  ALIPAY, WECHAT, HUABEI_INSTALLMENT, CARD
}
