package dev.aftersales.cases;

/**
 * A refund is calculated once and issued once. {@code NOTHING_TO_REFUND}: the amount came to zero
 * (deductions ate it up), so no payment call is made at all.
 */
public enum RefundStatus {
  CALCULATED, ISSUED, DECLINED, MANUAL, NOTHING_TO_REFUND
}
