package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.PickingError;
import dev.aftersales.cases.PickingErrorRepository;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.PickingErrorReport;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Settles a disputed pick after the dispute review ({@code outcome} header): UPHELD counts the picking
 * error against the shipping warehouse (KPI), REJECTED never counts it. A claim disputed by the packing
 * record was never reported: upheld, it is stored and reported to the warehouse now, once (same key as
 * "Report picking error").
 */
@Component
public class SettlePickingErrorWorker {

  private final CaseRepository cases;
  private final PickingErrorRepository pickingErrors;
  private final WmsClient wms;
  private final StepJournal journal;
  private final Clock clock;

  public SettlePickingErrorWorker(CaseRepository cases, PickingErrorRepository pickingErrors, WmsClient wms,
      StepJournal journal, Clock clock) {
    this.cases = cases;
    this.pickingErrors = pickingErrors;
    this.wms = wms;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SETTLE_PICKING_ERROR)
  public void settle(ActivatedJob job, @Variable String caseId) {
    PickingErrorStatus outcome = PickingErrorStatus.valueOf(job.getCustomHeaders().get(Headers.OUTCOME));
    if (outcome != PickingErrorStatus.UPHELD && outcome != PickingErrorStatus.REJECTED) {
      throw new IllegalArgumentException("outcome " + outcome + " does not settle a dispute");
    }
    PickingError error = pickingErrors.findById(caseId).orElse(null);
    if (error == null && outcome == PickingErrorStatus.REJECTED) {
      return; // never reported, nothing to count
    }
    if (error == null || error.status() == PickingErrorStatus.RECORDED) {
      // upheld against the packing record: the warehouse learns of its error (its answer changes nothing now)
      AfterSalesCase c = cases.require(caseId); // read only: the case does not change
      if (error == null) {
        error = PickingError.recorded(caseId, c.getWarehouseId(), c.getLines().getFirst().sku(),
            IdempotencyKeys.of(caseId, "picking-error"), clock.instant());
      }
      PickingErrorReport report = new PickingErrorReport(error.warehouseId(), c.getOrderId(), error.sku(), caseId,
          error.idempotencyKey());
      journal.call(job, caseId, WmsClient.PICKING_ERRORS, report, () -> wms.reportPickingError(report));
    }
    if (error.status() != outcome) {
      pickingErrors.save(error.answeredWith(outcome));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("warehouseId", error.warehouseId());
      details.put("sku", error.sku());
      details.put("status", outcome);
      journal.record(job, caseId, TimelineKind.DECISION, outcome == PickingErrorStatus.UPHELD
          ? "Picking error upheld by the dispute review: counted against " + error.warehouseId()
          : "Claim rejected: the picking error does not count", details);
    }
  }
}
