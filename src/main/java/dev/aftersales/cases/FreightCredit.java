package dev.aftersales.cases;

/**
 * What the refund credits for the return shipping, as the decision {@code freight-responsibility}
 * (bpmn/freight-responsibility.dmn) answers it: C, the carrier's actual cost; P, the insurer's payout;
 * or nothing. Which reasons are the merchant's fault is the decision's, not this code's.
 */
public enum FreightCredit {
  COST,
  PAYOUT,
  NONE
}
