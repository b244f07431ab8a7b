package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A line of the original order, captured from OMS at intake. {@code paidAmount} is for the whole quantity. */
public record OrderLine(
    String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal paidAmount, boolean gift, String barcode) {

  /** Its amounts as the store keeps them (DECIMAL(12,2)), so that a snapshot read back equals the one written. */
  OrderLine atStoredScale() {
    return new OrderLine(sku, name, quantity, cents(unitPrice), cents(paidAmount), gift, barcode);
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
  }
}
