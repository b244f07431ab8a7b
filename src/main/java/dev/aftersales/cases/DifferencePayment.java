package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * What the customer pays before a dearer variant ships: requested once from the payment provider
 * (the idempotency key is fixed with the amount), paid once through the channel and verified with the
 * provider. When the 48 h window closes the request is cancelled; a payment that arrives after that
 * is refunded ({@code lateRefundId}), never kept; when the payment provider declines that refund, finance refunds it
 * by hand ({@code lateRefundDeclinedAt}, then {@code lateRefundId} {@code manual:} and finance's reference). An
 * aggregate of its own, referenced by its exchange's case id
 * (one per case): only the steps that request, take, close and refund it load it, and its version catches the
 * channel's payment racing the window's close.
 */
@Table("case_difference_payment")
public record DifferencePayment(
    @Id String caseId,
    @Version Integer version,
    BigDecimal amount,
    String idempotencyKey,
    String paymentRequestId,
    String payUrl,
    Instant requestedAt,
    String paymentId,
    BigDecimal paidAmount,
    Instant paidAt,
    Instant windowClosedAt,
    String lateRefundId,
    Instant lateRefundDeclinedAt) {

  /** How a refund made by hand is told apart from the provider's refund ids. */
  public static final String MANUAL_REFUND_PREFIX = "manual:";

  /** A difference to request, not requested yet; saving it inserts it. */
  public static DifferencePayment planned(String caseId, BigDecimal amount, String idempotencyKey) {
    return new DifferencePayment(caseId, null, amount, idempotencyKey, null, null, null, null, null, null, null, null,
        null);
  }

  public boolean requested() {
    return paymentRequestId != null;
  }

  public boolean paid() {
    return paymentId != null;
  }

  /** The exchange still waits for the payment: it may ship the dearer variant once paid. */
  public boolean windowOpen() {
    return windowClosedAt == null;
  }

  /** Paid after the window closed and not refunded yet; not declined by the payment provider either. */
  public boolean lateRefundDue() {
    return paid() && !windowOpen() && lateRefundId == null && lateRefundDeclinedAt == null;
  }

  /** The provider declined the late payment's refund: finance refunds it by hand, and has not recorded it yet. */
  public boolean lateRefundWithFinance() {
    return lateRefundDeclinedAt != null && lateRefundId == null;
  }

  public DifferencePayment request(String paymentRequestId, String payUrl, Instant at) {
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, at, paymentId,
        paidAmount, paidAt, windowClosedAt, lateRefundId, lateRefundDeclinedAt);
  }

  public DifferencePayment pay(String paymentId, BigDecimal paidAmount, Instant at) {
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, at, windowClosedAt, lateRefundId, lateRefundDeclinedAt);
  }

  /** The 48 h are over: from now on a payment is refunded. Once; a second close keeps the first time. */
  public DifferencePayment closeWindow(Instant at) {
    return windowOpen() ? new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl,
        requestedAt, paymentId, paidAmount, paidAt, at, lateRefundId, lateRefundDeclinedAt) : this;
  }

  public DifferencePayment lateRefunded(String refundId) {
    if (!lateRefundDue()) {
      throw new IllegalStateException("no late difference payment to refund");
    }
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, paidAt, windowClosedAt, refundId, lateRefundDeclinedAt);
  }

  /** The provider declined the late refund (and made none under its key): from now on it is finance's. */
  public DifferencePayment lateRefundDeclined(Instant at) {
    if (!lateRefundDue()) {
      throw new IllegalStateException("no late difference payment to refund");
    }
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, paidAt, windowClosedAt, lateRefundId, at);
  }

  /** Finance refunded the late payment by hand; its reference is kept as {@code manual:{reference}}. Once. */
  public DifferencePayment lateRefundedByHand(String reference) {
    if (!lateRefundWithFinance()) {
      throw new IllegalStateException("no declined late difference refund waits for finance");
    }
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, paidAt, windowClosedAt, MANUAL_REFUND_PREFIX + reference, lateRefundDeclinedAt);
  }
}
