package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Moves the case to the final status the model names in the {@code status} header. */
@Component
public class CloseCaseWorker {

  private final CaseRepository cases;
  private final StepJournal journal;
  private final CaseMetrics metrics;

  public CloseCaseWorker(CaseRepository cases, StepJournal journal, CaseMetrics metrics) {
    this.cases = cases;
    this.journal = journal;
    this.metrics = metrics;
  }

  @JobWorker(type = JobTypes.CLOSE_CASE)
  public void close(ActivatedJob job, @Variable String caseId) {
    CaseStatus status = CaseStatus.valueOf(job.getCustomHeaders().get(Headers.STATUS));
    AfterSalesCase c = cases.require(caseId);
    if (c.getStatus() != status) {
      journal.moveTo(job, c, status);
      cases.save(c);
      metrics.closed(c);
    }
  }
}
