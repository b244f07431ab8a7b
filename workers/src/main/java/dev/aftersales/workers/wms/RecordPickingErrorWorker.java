package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.PickingError;
import dev.aftersales.cases.PickingErrorRepository;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.PickingErrorReport;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Records the picking error behind a mis-sent item against the warehouse that shipped the order and
 * reports it to that warehouse, once; the warehouse confirms or disputes the pick. Only a confirmed
 * error counts (KPI); a disputed one counts once the dispute review upholds it ("Settle picking error").
 * One error per case, for the first line's sku.
 */
@Component
public class RecordPickingErrorWorker {

  public record PickingErrorReported(boolean pickDisputed) {}

  private final CaseRepository cases;
  private final PickingErrorRepository pickingErrors;
  private final WmsClient wms;
  private final StepJournal journal;
  private final Clock clock;

  public RecordPickingErrorWorker(CaseRepository cases, PickingErrorRepository pickingErrors, WmsClient wms,
      StepJournal journal, Clock clock) {
    this.cases = cases;
    this.pickingErrors = pickingErrors;
    this.wms = wms;
    this.journal = journal;
    this.clock = clock;
  }

  /**
   * Stores the error with the warehouse's answer in one write: the job's one transaction would undo an error
   * stored before the call as well, and a retry reports it again with the same key. The case is only read.
   */
  @JobWorker(type = JobTypes.RECORD_PICKING_ERROR)
  public PickingErrorReported record(ActivatedJob job, @Variable String caseId) {
    Optional<PickingError> stored = pickingErrors.findById(caseId);
    PickingError error = stored.orElse(null);
    if (error == null || !error.answered()) {
      AfterSalesCase c = cases.require(caseId);
      if (error == null) {
        error = PickingError.recorded(caseId, c.getWarehouseId(), c.getLines().getFirst().sku(),
            IdempotencyKeys.of(caseId, "picking-error"), clock.instant());
      }
      PickingErrorReport report = new PickingErrorReport(error.warehouseId(), c.getOrderId(), error.sku(), caseId,
          error.idempotencyKey());
      String answer = journal.call(job, caseId, WmsClient.PICKING_ERRORS, report, () -> wms.reportPickingError(report))
          .status();
      error = pickingErrors.save(error.answeredWith(warehouseAnswer(answer)));
    }
    return new PickingErrorReported(error.status() == PickingErrorStatus.DISPUTED);
  }

  /** CONFIRMED or DISPUTED; anything else is an answer the contract does not know: an incident, not a guess. */
  private static PickingErrorStatus warehouseAnswer(String answer) {
    if (PickingErrorStatus.CONFIRMED.name().equals(answer) || PickingErrorStatus.DISPUTED.name().equals(answer)) {
      return PickingErrorStatus.valueOf(answer);
    }
    throw new IllegalStateException("WMS answered the picking error with status " + answer
        + ", expected CONFIRMED or DISPUTED");
  }
}
