package dev.aftersales.integration.address;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * The address service completes an incomplete shipping address. Addresses are personal data: callers
 * keep them out of process variables, logs and the timeline.
 */
@Component
public class AddressClient extends SystemClient {

  public static final Endpoint NORMALIZATION = Endpoint.post(SurroundingSystem.ADDRESS, "/address/normalization");

  public record NormalizationRequest(String address) {}

  /** @param confidence 0–1: how sure the service is that {@code normalized} is the customer's address */
  public record Normalized(String normalized, BigDecimal confidence) {}

  public AddressClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.ADDRESS));
  }

  /** Changes nothing at the service: a query, without an idempotency key. */
  public Normalized normalize(String address) {
    return query(NORMALIZATION, new NormalizationRequest(address), Normalized.class);
  }
}
