package dev.aftersales.workers.carrier;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.carrier.CarrierClient;
import dev.aftersales.integration.carrier.CarrierClient.ReturnLabel;
import dev.aftersales.integration.carrier.CarrierClient.ReturnLabelRequest;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Books the return shipment once; the case then waits for the parcel. The {@code labelType} header
 * FREE (a wrong item coming back) tells the carrier that the merchant pays the shipping.
 */
@Component
public class CreateReturnLabelWorker {

  public record LabelCreated(String trackingNumber) {}

  private final CaseRepository cases;
  private final CarrierClient carrier;
  private final StepJournal journal;

  public CreateReturnLabelWorker(CaseRepository cases, CarrierClient carrier, StepJournal journal) {
    this.cases = cases;
    this.carrier = carrier;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.CREATE_RETURN_LABEL)
  public LabelCreated createLabel(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getTrackingNumber() == null) {
      ReturnLabelRequest request = new ReturnLabelRequest(caseId, c.getOrderId(), c.getCustomerId(),
          c.getWarehouseId(), job.getCustomHeaders().get(Headers.LABEL_TYPE), IdempotencyKeys.of(caseId, "return-label"));
      ReturnLabel label = journal.call(job, caseId, CarrierClient.RETURN_LABELS, request,
          () -> carrier.createReturnLabel(request));
      c.labelCreated(label.trackingNumber(), label.labelUrl());
      journal.moveTo(job, c, CaseStatus.AWAITING_PARCEL);
      cases.save(c);
    }
    return new LabelCreated(c.getTrackingNumber());
  }
}
