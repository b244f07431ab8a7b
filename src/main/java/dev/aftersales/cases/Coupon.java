package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/** A compensation coupon; issued at most once per case (the idempotency key is fixed with it). */
@Table("case_coupon")
public record Coupon(
    BigDecimal amount, BigDecimal threshold, String reason, String idempotencyKey, String couponId, Instant issuedAt) {

  public boolean issued() {
    return couponId != null;
  }

  public Coupon issue(String couponId, Instant at) {
    return new Coupon(amount, threshold, reason, idempotencyKey, couponId, at);
  }
}
