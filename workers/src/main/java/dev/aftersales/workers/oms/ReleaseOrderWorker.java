package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.ReleaseRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Releases the held order for shipping, with the carrier the case chose if it switched it, exactly once: a
 * released exception is not sent again, and every attempt sends the key {@code {caseId}:release}, so the order
 * platform answers a repeat of a release whose save failed with the release it made. A cancelled order is never
 * released: that is a defect, an incident, not a call.
 */
@Component
public class ReleaseOrderWorker {

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final OmsClient oms;
  private final StepJournal journal;
  private final Clock clock;

  public ReleaseOrderWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      OmsClient oms, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.oms = oms;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RELEASE_ORDER)
  public void release(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.released()) {
      return;
    }
    if (exception.cancelled()) {
      throw new IllegalStateException("order " + c.getOrderId() + " of case " + caseId + " was cancelled ("
          + exception.cancellationId() + "); it is never released");
    }
    ReleaseRequest request = new ReleaseRequest(caseId, exception.chosenCarrier(), IdempotencyKeys.of(caseId, "release"));
    journal.call(job, caseId, OmsClient.RELEASE, request, () -> oms.release(c.getOrderId(), request)); // released() above, not callOnce
    c.touch(clock.instant());
    cases.save(c); // the case first: its version check
    exceptions.save(exception.releasedAt(clock.instant()));
  }
}
