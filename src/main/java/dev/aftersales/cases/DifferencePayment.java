package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/**
 * What the customer pays before a dearer variant ships: requested once from the payment provider
 * (the idempotency key is fixed with the amount), paid once through the channel.
 */
@Table("case_difference_payment")
public record DifferencePayment(
    BigDecimal amount,
    String idempotencyKey,
    String paymentRequestId,
    String payUrl,
    Instant requestedAt,
    String paymentId,
    BigDecimal paidAmount,
    Instant paidAt) {

  public static DifferencePayment planned(BigDecimal amount, String idempotencyKey) {
    return new DifferencePayment(amount, idempotencyKey, null, null, null, null, null, null);
  }

  public boolean requested() {
    return paymentRequestId != null;
  }

  public boolean paid() {
    return paymentId != null;
  }

  public DifferencePayment request(String paymentRequestId, String payUrl, Instant at) {
    return new DifferencePayment(amount, idempotencyKey, paymentRequestId, payUrl, at, paymentId, paidAmount, paidAt);
  }

  public DifferencePayment pay(String paymentId, BigDecimal paidAmount, Instant at) {
    return new DifferencePayment(amount, idempotencyKey, paymentRequestId, payUrl, requestedAt, paymentId, paidAmount,
        at);
  }
}
