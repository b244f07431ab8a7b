package dev.aftersales.workers.carrier;

import dev.aftersales.integration.carrier.CarrierClient;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What the carrier charged for a return parcel (C of the freight settlement), asked and recorded. */
@Component
public class ReturnShippingCost {

  private final CarrierClient carrier;
  private final StepJournal journal;

  public ReturnShippingCost(CarrierClient carrier, StepJournal journal) {
    this.carrier = carrier;
    this.journal = journal;
  }

  public BigDecimal of(ActivatedJob job, String caseId, String trackingNumber) {
    return journal.call(job, caseId, CarrierClient.SHIPMENTS, Map.of("trackingNumber", trackingNumber),
        () -> carrier.shipment(trackingNumber)).actualCost();
  }
}
