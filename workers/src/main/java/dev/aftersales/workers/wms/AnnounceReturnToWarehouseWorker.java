package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.ExpectedItem;
import dev.aftersales.integration.wms.WmsClient.InboundNotice;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Tells the warehouse which parcel and items to expect, and how urgent it is: an urgent case (an approved
 * quality return) is inspected first. Nothing on the case records the notice;
 * the fixed idempotency key makes a repeated notice a no-op for the WMS.
 */
@Component
public class AnnounceReturnToWarehouseWorker {

  private final CaseRepository cases;
  private final WmsClient wms;
  private final StepJournal journal;

  public AnnounceReturnToWarehouseWorker(CaseRepository cases, WmsClient wms, StepJournal journal) {
    this.cases = cases;
    this.wms = wms;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.ANNOUNCE_RETURN_TO_WAREHOUSE)
  public void announce(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    InboundNotice notice = new InboundNotice(caseId, c.getOrderId(), c.getWarehouseId(), c.getTrackingNumber(),
        c.getLines().stream().map(l -> new ExpectedItem(l.sku(), l.quantity())).toList(),
        c.isUrgent() ? InboundNotice.URGENT : InboundNotice.NORMAL, IdempotencyKeys.of(caseId, "inbound-notice"));
    journal.call(job, caseId, WmsClient.INBOUND_NOTICES, notice, () -> wms.announceInbound(notice));
  }
}
