package dev.aftersales.integration.risk;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import org.springframework.stereotype.Component;

/** Risk control: whether a customer is blacklisted, and why. */
@Component
public class RiskClient extends SystemClient {

  public static final Endpoint CUSTOMER = Endpoint.get(SurroundingSystem.RISK, "/risk/customers/{customerId}");

  public record CustomerRisk(boolean blacklisted, String reason) {}

  public RiskClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.RISK));
  }

  public CustomerRisk customer(String customerId) {
    return fetch(CUSTOMER, CustomerRisk.class, customerId);
  }
}
