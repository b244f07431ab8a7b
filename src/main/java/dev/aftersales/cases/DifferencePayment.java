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
 * is refunded ({@code lateRefundId}), never kept. An aggregate of its own, referenced by its exchange's case id
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
    String lateRefundId) {

  /** A difference to request, not requested yet; saving it inserts it. */
  public static DifferencePayment planned(String caseId, BigDecimal amount, String idempotencyKey) {
    return new DifferencePayment(caseId, null, amount, idempotencyKey, null, null, null, null, null, null, null, null);
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

  /** Paid after the window closed and not refunded yet. */
  public boolean lateRefundDue() {
    return paid() && !windowOpen() && lateRefundId == null;
  }

  public DifferencePayment request(String paymentRequestId, String payUrl, Instant at) {
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, at, paymentId,
        paidAmount, paidAt, windowClosedAt, lateRefundId);
  }

  public DifferencePayment pay(String paymentId, BigDecimal paidAmount, Instant at) {
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, at, windowClosedAt, lateRefundId);
  }

  /** The 48 h are over: from now on a payment is refunded. Once; a second close keeps the first time. */
  public DifferencePayment closeWindow(Instant at) {
    return windowOpen() ? new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl,
        requestedAt, paymentId, paidAmount, paidAt, at, lateRefundId) : this;
  }

  public DifferencePayment lateRefunded(String refundId) {
    if (!lateRefundDue()) {
      throw new IllegalStateException("no late difference payment to refund");
    }
    return new DifferencePayment(caseId, version, amount, idempotencyKey, paymentRequestId, payUrl, requestedAt,
        paymentId, paidAmount, paidAt, windowClosedAt, refundId);
  }
}
