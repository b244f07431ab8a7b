package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The refund of a case with how its amount was computed. The idempotency key is fixed when the
 * refund is calculated, so every retry of the payment call sends the same key. An aggregate of its own,
 * referenced by its case's id (one per case): only the steps that calculate, pay, reverse or record it by hand
 * load it, and its version catches two writers of the same refund.
 */
@Table("case_refund")
public record Refund(
    @Id String caseId,
    @Version Integer version,
    BigDecimal linesAmount,
    BigDecimal giftDeduction,
    BigDecimal agentDeduction,
    BigDecimal freightCredit,
    BigDecimal amount,
    RefundStatus status,
    String idempotencyKey,
    String refundId,
    boolean installmentReversed,
    Instant issuedAt) {

  /** A refund of the amount calculated, not sent yet; the key stays with it for every attempt. */
  public static Refund calculated(String caseId, RefundCalculation.Breakdown breakdown, String idempotencyKey) {
    return new Refund(caseId, null, breakdown.linesAmount(), breakdown.giftDeduction(), breakdown.agentDeduction(),
        breakdown.freightCredit(), breakdown.amount(), RefundStatus.CALCULATED, idempotencyKey, null, false, null);
  }

  public boolean issued() {
    return status == RefundStatus.ISSUED || status == RefundStatus.MANUAL;
  }

  /** Nothing more to pay: issued (by the provider or by hand), or there was nothing to refund. */
  public boolean settled() {
    return issued() || status == RefundStatus.NOTHING_TO_REFUND;
  }

  /**
   * The goods' part of the refund: the amount without the freight credit. An instalment plan
   * financed the goods only, so its reversal covers this part and never the return shipping.
   */
  public BigDecimal goodsPart() {
    BigDecimal freight = freightCredit == null ? BigDecimal.ZERO : freightCredit;
    return amount.subtract(freight).max(BigDecimal.ZERO).setScale(2, java.math.RoundingMode.HALF_UP);
  }

  /** A zero amount is never sent to the payment provider. */
  public boolean nothingDue() {
    return amount.signum() == 0;
  }

  public Refund nothingToRefund() {
    if (!nothingDue()) {
      throw new IllegalStateException("a refund of " + amount + " CNY is due");
    }
    return new Refund(caseId, version, linesAmount, giftDeduction, agentDeduction, freightCredit, amount,
        RefundStatus.NOTHING_TO_REFUND, idempotencyKey, null, installmentReversed, null);
  }

  public Refund issue(String refundId, Instant at) {
    return new Refund(caseId, version, linesAmount, giftDeduction, agentDeduction, freightCredit, amount,
        RefundStatus.ISSUED,
        idempotencyKey, refundId, installmentReversed, at);
  }

  public Refund issuedManually(String reference, Instant at) {
    return new Refund(caseId, version, linesAmount, giftDeduction, agentDeduction, freightCredit, amount,
        RefundStatus.MANUAL,
        idempotencyKey, reference, installmentReversed, at);
  }

  public Refund declined() {
    return new Refund(caseId, version, linesAmount, giftDeduction, agentDeduction, freightCredit, amount,
        RefundStatus.DECLINED,
        idempotencyKey, refundId, installmentReversed, issuedAt);
  }

  public Refund installmentPlanReversed() {
    return new Refund(caseId, version, linesAmount, giftDeduction, agentDeduction, freightCredit, amount,
        status,
        idempotencyKey, refundId, true, issuedAt);
  }
}
