package dev.aftersales.integration.marketing;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** Marketing: compensation coupons. */
@Component
public class MarketingClient extends SystemClient {

  public static final Endpoint COUPONS = Endpoint.post(SurroundingSystem.MARKETING, "/marketing/coupons");

  public record CouponRequest(String customerId, BigDecimal amount, BigDecimal threshold, String reason,
      String idempotencyKey) implements IdempotentRequest {}

  public record IssuedCoupon(String couponId) {}

  public MarketingClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.MARKETING));
  }

  public IssuedCoupon issueCoupon(CouponRequest request) {
    return send(COUPONS, request, IssuedCoupon.class);
  }
}
