package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.HoldRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Holds the exception order in the order platform so it does not ship while the case resolves it, once: a held
 * exception is not sent again (a job redelivered after its commit), and every attempt sends the key
 * {@code {caseId}:hold}, so the order platform answers a repeat of a hold whose save failed with the hold it made.
 * The call's timeline entry commits with the held exception in the job's transaction; the case is ON_HOLD.
 */
@Component
public class HoldOrderWorker {

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final OmsClient oms;
  private final StepJournal journal;
  private final Clock clock;

  public HoldOrderWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      OmsClient oms, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.oms = oms;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.HOLD_ORDER)
  public void hold(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.held()) {
      return;
    }
    HoldRequest request = new HoldRequest(caseId, exception.exceptionType().name(), IdempotencyKeys.of(caseId, "hold"));
    journal.call(job, caseId, OmsClient.HOLD, request, () -> oms.hold(c.getOrderId(), request)); // held() above, not callOnce
    journal.moveTo(job, c, CaseStatus.ON_HOLD);
    cases.save(c); // the case first: its version check
    exceptions.save(exception.heldSince(clock.instant()));
  }
}
