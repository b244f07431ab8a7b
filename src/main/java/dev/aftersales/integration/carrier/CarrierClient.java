package dev.aftersales.integration.carrier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** The carrier: books return shipments and reports what they cost. */
@Component
public class CarrierClient extends SystemClient {

  public static final Endpoint RETURN_LABELS = Endpoint.post(SurroundingSystem.CARRIER, "/carrier/return-labels");
  public static final Endpoint SHIPMENTS = Endpoint.get(SurroundingSystem.CARRIER, "/carrier/shipments/{trackingNumber}");
  /** The carriers that serve a region for a parcel of this weight and value (exception orders). */
  public static final Endpoint COVERAGE = Endpoint.get(SurroundingSystem.CARRIER,
      "/carrier/coverage?region={region}&weightGrams={weightGrams}&value={value}");

  /** @param labelType FREE when the merchant pays the return shipping; null for the standard label */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReturnLabelRequest(String caseId, String orderId, String customerId, String warehouseId,
      String labelType, String idempotencyKey) implements IdempotentRequest {}

  public record ReturnLabel(String trackingNumber, String labelUrl) {}

  public record Shipment(String status, BigDecimal actualCost) {}

  /** A carrier serving the area; {@code premium} for the insured service high-value orders take. */
  public record CoveringCarrier(String carrier, boolean premium) {}

  public record Coverage(List<CoveringCarrier> carriers) {

    public Coverage {
      carriers = carriers == null ? List.of() : List.copyOf(carriers);
    }
  }

  public CarrierClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.CARRIER));
  }

  public ReturnLabel createReturnLabel(ReturnLabelRequest request) {
    return send(RETURN_LABELS, request, ReturnLabel.class);
  }

  public Shipment shipment(String trackingNumber) {
    return fetch(SHIPMENTS, Shipment.class, trackingNumber);
  }

  public Coverage coverage(String region, int weightGrams, BigDecimal value) {
    return fetch(COVERAGE, Coverage.class, region, weightGrams, value.toPlainString());
  }
}
