package dev.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A compensation coupon: an aggregate of its own, referenced by its case's id (one per case), since only the
 * eligibility decision that plans it and the step that issues it change it. Issued at most once per case (the
 * idempotency key is fixed when it is planned); its version catches two writers of the same coupon.
 */
@Table("case_coupon")
public record Coupon(
    @Id String caseId,
    @Version Integer version,
    BigDecimal amount,
    BigDecimal threshold,
    String reason,
    String idempotencyKey,
    String couponId,
    Instant issuedAt) {

  /** A coupon the policy granted, not issued yet; saving it inserts it. */
  public static Coupon planned(String caseId, BigDecimal amount, BigDecimal threshold, String reason,
      String idempotencyKey) {
    return new Coupon(caseId, null, amount, threshold, reason, idempotencyKey, null, null);
  }

  public boolean issued() {
    return couponId != null;
  }

  /** @throws IllegalStateException when it was issued already: a coupon is issued once */
  public Coupon issue(String couponId, Instant at) {
    if (issued()) {
      throw new IllegalStateException("the coupon of case " + caseId + " was issued already (" + this.couponId + ")");
    }
    return new Coupon(caseId, version, amount, threshold, reason, idempotencyKey, couponId, at);
  }
}
