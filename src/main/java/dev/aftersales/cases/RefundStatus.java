package dev.aftersales.cases;

/** A refund is calculated once and issued once. */
public enum RefundStatus {
  CALCULATED, ISSUED, DECLINED, MANUAL
}
