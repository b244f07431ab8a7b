package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Shortage;
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
 * Puts the order on backorder: the case waits for stock, and its line joins the queue of its sku at
 * the place its report gave it, so the next arrival that covers it wakes it. A backorder that waits
 * again after the customer was contacted keeps its place; one that got stock meanwhile stays allocated.
 */
@Component
public class QueueBackorderWorker {

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final StepJournal journal;
  private final Clock clock;

  public QueueBackorderWorker(CaseRepository cases, ShortageRepository shortages, StepJournal journal,
      Clock clock) {
    this.cases = cases;
    this.shortages = shortages;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.QUEUE_BACKORDER)
  public void queue(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Shortage before = shortages.require(caseId);
    Shortage after = before.queued(clock.instant());
    journal.moveTo(job, c, CaseStatus.WAITING_FOR_STOCK);
    cases.save(c); // the case first: its version check
    if (!after.equals(before)) {
      shortages.save(after);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("sku", after.sku());
      details.put("quantity", after.quantity());
      details.put("warehouseId", after.warehouseId());
      details.put("queuedSince", after.reportedAt());
      details.put("nextArrivalDate", after.nextArrivalDate());
      journal.record(job, caseId, TimelineKind.STATUS,
          "Backorder queued for %d × %s, place as reported at %s".formatted(after.quantity(), after.sku(),
              after.reportedAt()), details);
    }
  }
}
