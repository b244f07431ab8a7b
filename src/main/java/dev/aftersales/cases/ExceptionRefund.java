package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a cancelled exception order refunds: what the customer paid, in full, as the payment provider holds
 * it — never more than the order's lines were paid. Nothing for cash on delivery (not paid yet) or a payment
 * that did not succeed (the failed payment of PAYMENT_FAILED).
 */
public final class ExceptionRefund {

  private ExceptionRefund() {}

  /**
   * @param providerSucceeded whether the payment provider knows the order's payment as succeeded
   * @param providerAmount what the provider holds for it (null when unknown)
   * @param paidForOrder what the order's lines were paid, as the order platform reported it
   */
  public static BigDecimal amount(PaymentMethod method, boolean providerSucceeded, BigDecimal providerAmount,
      BigDecimal paidForOrder) {
    if (method == PaymentMethod.CASH_ON_DELIVERY || !providerSucceeded || providerAmount == null
        || providerAmount.signum() <= 0) {
      return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
    }
    return providerAmount.min(paidForOrder).setScale(2, RoundingMode.HALF_UP);
  }
}
