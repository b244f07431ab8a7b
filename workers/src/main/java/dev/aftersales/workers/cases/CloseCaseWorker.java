package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTransactions;
import dev.aftersales.process.JobTypes;
import dev.aftersales.receipts.LateParcels;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Moves the case to the final status the model names in the {@code status} header; the case refuses
 * an illegal move (an incident for the operator), except the one race it expects: a parcel recorded
 * while the 7-day timer closed the case goes to an agent ({@link LateParcels}).
 */
@Component
public class CloseCaseWorker {

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final StepJournal journal;
  private final CaseMetrics metrics;
  private final LateParcels lateParcels;
  private final JobTransactions transactions;

  public CloseCaseWorker(CaseRepository cases, ShortageRepository shortages, StepJournal journal, CaseMetrics metrics,
      LateParcels lateParcels, JobTransactions transactions) {
    this.transactions = transactions;
    this.cases = cases;
    this.shortages = shortages;
    this.journal = journal;
    this.metrics = metrics;
    this.lateParcels = lateParcels;
  }

  @JobWorker(type = JobTypes.CLOSE_CASE)
  public void close(ActivatedJob job, @Variable String caseId) {
    CaseStatus status = CaseStatus.valueOf(job.getCustomHeaders().get(Headers.STATUS));
    AfterSalesCase c = cases.require(caseId);
    if (c.getStatus() == status) {
      return;
    }
    if (status == CaseStatus.CLOSED && c.getStatus() == CaseStatus.RECEIVED) {
      // The parcel and the 7-day timer met: the parcel is in, the process gave up on it. The case refuses
      // to close; an agent decides on the parcel (late-parcel) instead of it being lost.
      if (!c.isLateParcel()) {
        c.parcelArrivedAsProcessGaveUp();
        cases.save(c);
        journal.record(job, caseId, TimelineKind.STATUS, "Not closed: the parcel arrived; an agent decides on it",
            Map.of("from", c.getStatus(), "refused", status));
      }
      transactions.afterCommit(() -> lateParcels.handOver(c)); // its process reads the case as saved here
      return;
    }
    journal.moveTo(job, c, status);
    cases.save(c);
    metrics.closed(c, shortages.ofCase(c).orElse(null));
  }
}
