package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The exception order an ORDER_EXCEPTION case resolves (docs/exception-orders-process.md): what was
 * reported, how the {@code exception-handling} decision handles it, what the address, risk, carrier and
 * payment steps found, and how it ended. It is released or cancelled in the order platform, never
 * both: {@link #released} and {@link #cancelled} refuse the other outcome. An aggregate of its own, referenced
 * by its case's id (one per ORDER_EXCEPTION case); its version catches two writers of the same exception.
 *
 * @param caseId the case it belongs to; null until the case is opened ({@link #of})
 * @param openKey {@code {orderId}:{type}} while the case is open, null once resolved: one open case per
 *     order and type
 * @param address the address as reported (personal data: stays in the case store, never in a process variable)
 * @param paidPaymentId the pay-link payment the channel reported and the provider confirmed ({@code paidAmount}),
 *     stored at {@code paidAt}
 * @param lateRefundId the refund of that payment when it came after the order was cancelled ({@code manual:} and
 *     finance's reference when finance refunded it by hand)
 * @param lateRefundDeclinedAt when the payment provider declined that refund: finance refunds it by hand
 */
@Table("case_order_exception")
public record OrderException(
    @Id String caseId,
    @Version Integer version,
    String openKey,
    String orderId,
    ExceptionType exceptionType,
    BigDecimal orderAmount,
    String note,
    String address,
    String normalizedAddress,
    BigDecimal addressConfidence,
    Integer parcels,
    String region,
    Integer weightGrams,
    String carrier,
    String handling,
    String handlingRule,
    String reviewKind,
    String riskReason,
    String chosenCarrier,
    String paymentRequestId,
    String payUrl,
    String paidPaymentId,
    BigDecimal paidAmount,
    Instant paidAt,
    String lateRefundId,
    Instant heldAt,
    Instant escalatedAt,
    Instant releasedAt,
    String cancellationId,
    Instant cancelledAt,
    Instant lateRefundDeclinedAt) {

  /** What the reporter told about the exception; each field only for the types that need it. */
  public record Reported(String note, String address, Integer parcels, String region, Integer weightGrams,
      String carrier) {}

  public static String openKey(String orderId, ExceptionType type) {
    return orderId + ":" + type.name();
  }

  public static OrderException reported(String orderId, ExceptionType type, BigDecimal orderAmount, Reported what) {
    return new OrderException(null, null, openKey(orderId, type), orderId, type, orderAmount, what.note(),
        what.address(), null, null, what.parcels(), what.region(), what.weightGrams(), what.carrier(), null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This exception as the one of the case opened for it; saving it inserts it. */
  public OrderException of(AfterSalesCase opened) {
    return with(b -> {
      b.caseId = opened.getId();
      b.version = null;
    });
  }

  public boolean held() {
    return heldAt != null;
  }

  public boolean released() {
    return releasedAt != null;
  }

  public boolean cancelled() {
    return cancelledAt != null;
  }

  public boolean resolved() {
    return released() || cancelled();
  }

  public OrderException heldSince(Instant at) {
    return held() ? this : with(b -> b.heldAt = at);
  }

  public OrderException decided(String handling, String rule, String reviewKind) {
    return with(b -> {
      b.handling = handling;
      b.handlingRule = rule;
      b.reviewKind = reviewKind;
    });
  }

  /** An agent takes over (an unconfident address, no carrier serving the area): the kind of review. */
  public OrderException reviewBy(String reviewKind) {
    return with(b -> b.reviewKind = reviewKind);
  }

  public OrderException addressCompleted(String normalized, BigDecimal confidence) {
    return with(b -> {
      b.normalizedAddress = normalized;
      b.addressConfidence = confidence;
    });
  }

  public OrderException riskChecked(String reason) {
    return with(b -> b.riskReason = reason);
  }

  public OrderException carrierChosen(String carrier) {
    return with(b -> b.chosenCarrier = carrier);
  }

  public OrderException paymentRequested(String requestId, String url) {
    return with(b -> {
      b.paymentRequestId = requestId;
      b.payUrl = url;
    });
  }

  public OrderException paid(String paymentId, BigDecimal amount, Instant at) {
    return with(b -> {
      b.paidPaymentId = paymentId;
      b.paidAmount = amount;
      b.paidAt = at;
    });
  }

  /**
   * Paid through the pay link after the order was cancelled (at the deadline), and not refunded yet; not declined by
   * the payment provider either.
   */
  public boolean lateRefundDue() {
    return paidPaymentId != null && cancelled() && lateRefundId == null && lateRefundDeclinedAt == null;
  }

  /** The provider declined the late payment's refund: finance refunds it by hand, and has not recorded it yet. */
  public boolean lateRefundWithFinance() {
    return lateRefundDeclinedAt != null && lateRefundId == null;
  }

  /** The provider declined the late refund (and made none under its key): from now on it is finance's. */
  public OrderException lateRefundDeclined(Instant at) {
    if (!lateRefundDue()) {
      throw new IllegalStateException("order " + orderId + " has no payment after its cancellation to refund");
    }
    return with(b -> b.lateRefundDeclinedAt = at);
  }

  /** Finance refunded the late payment by hand; its reference is kept as {@code manual:{reference}}. Once. */
  public OrderException lateRefundedByHand(String reference) {
    if (!lateRefundWithFinance()) {
      throw new IllegalStateException("order " + orderId + " has no declined late refund waiting for finance");
    }
    return with(b -> b.lateRefundId = DifferencePayment.MANUAL_REFUND_PREFIX + reference);
  }

  public OrderException lateRefunded(String refundId) {
    if (!lateRefundDue()) {
      throw new IllegalStateException("order " + orderId + " has no payment after its cancellation to refund");
    }
    return with(b -> b.lateRefundId = refundId);
  }

  public OrderException escalated(Instant at) {
    return escalatedAt != null ? this : with(b -> b.escalatedAt = at);
  }

  /** Released for shipping: the case is no longer the open one of its order and type. */
  public OrderException releasedAt(Instant at) {
    if (cancelled()) {
      throw new IllegalStateException("order " + orderId + " was cancelled (" + cancellationId + "); it is never released");
    }
    return released() ? this : with(b -> {
      b.releasedAt = at;
      b.openKey = null;
    });
  }

  /** Cancelled in the order platform: the case is no longer the open one of its order and type. */
  public OrderException cancelledAt(String cancellationId, Instant at) {
    if (released()) {
      throw new IllegalStateException("order " + orderId + " was released at " + releasedAt + "; it is never cancelled");
    }
    return cancelled() ? this : with(b -> {
      b.cancellationId = cancellationId;
      b.cancelledAt = at;
      b.openKey = null;
    });
  }

  private OrderException with(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** Copies the record so a change names only the fields it sets. */
  private static final class Builder {
    String caseId;
    Integer version;
    String openKey;
    String orderId;
    ExceptionType exceptionType;
    BigDecimal orderAmount;
    String note;
    String address;
    String normalizedAddress;
    BigDecimal addressConfidence;
    Integer parcels;
    String region;
    Integer weightGrams;
    String carrier;
    String handling;
    String handlingRule;
    String reviewKind;
    String riskReason;
    String chosenCarrier;
    String paymentRequestId;
    String payUrl;
    String paidPaymentId;
    BigDecimal paidAmount;
    Instant paidAt;
    String lateRefundId;
    Instant heldAt;
    Instant escalatedAt;
    Instant releasedAt;
    String cancellationId;
    Instant cancelledAt;
    Instant lateRefundDeclinedAt;

    Builder(OrderException e) {
      caseId = e.caseId;
      version = e.version;
      openKey = e.openKey;
      orderId = e.orderId;
      exceptionType = e.exceptionType;
      orderAmount = e.orderAmount;
      note = e.note;
      address = e.address;
      normalizedAddress = e.normalizedAddress;
      addressConfidence = e.addressConfidence;
      parcels = e.parcels;
      region = e.region;
      weightGrams = e.weightGrams;
      carrier = e.carrier;
      handling = e.handling;
      handlingRule = e.handlingRule;
      reviewKind = e.reviewKind;
      riskReason = e.riskReason;
      chosenCarrier = e.chosenCarrier;
      paymentRequestId = e.paymentRequestId;
      payUrl = e.payUrl;
      paidPaymentId = e.paidPaymentId;
      paidAmount = e.paidAmount;
      paidAt = e.paidAt;
      lateRefundId = e.lateRefundId;
      heldAt = e.heldAt;
      escalatedAt = e.escalatedAt;
      releasedAt = e.releasedAt;
      cancellationId = e.cancellationId;
      cancelledAt = e.cancelledAt;
      lateRefundDeclinedAt = e.lateRefundDeclinedAt;
    }

    OrderException build() {
      return new OrderException(caseId, version, openKey, orderId, exceptionType, orderAmount, note, address, normalizedAddress,
          addressConfidence, parcels, region, weightGrams, carrier, handling, handlingRule, reviewKind, riskReason,
          chosenCarrier, paymentRequestId, payUrl, paidPaymentId, paidAmount, paidAt, lateRefundId, heldAt,
          escalatedAt, releasedAt, cancellationId, cancelledAt, lateRefundDeclinedAt);
    }
  }
}
