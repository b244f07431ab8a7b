package dev.aftersales.integration.insurer;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** The return-freight insurer. */
@Component
public class InsurerClient extends SystemClient {

  public static final Endpoint CLAIMS = Endpoint.post(SurroundingSystem.INSURER, "/insurer/claims");

  public record ClaimRequest(String orderId, String caseId, String trackingNumber, String idempotencyKey)
      implements IdempotentRequest {}

  public record Claim(String claimId, BigDecimal payout) {}

  public InsurerClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.INSURER));
  }

  public Claim claim(ClaimRequest request) {
    return send(CLAIMS, request, Claim.class);
  }
}
