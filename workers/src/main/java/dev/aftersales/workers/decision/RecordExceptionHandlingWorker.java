package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionOutcome;
import dev.aftersales.workers.DecisionResult;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide exception handling": the engine evaluated {@code exception-handling} (release at
 * once, an automatic step, or an agent's review in a queue, with the SLA and the numbers the flow works with).
 * This records the evaluation, keeps the handling and the rule that matched on the case, and hands the model
 * the outputs it routes and times on. Every policy number is the decision's.
 */
@Component
public class RecordExceptionHandlingWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "handlingDecision";

  /** The decision's outputs as process variables; a number the rule does not set stays null. */
  public record ExceptionHandlingRecorded(String handling, String reviewKind, String candidateGroup,
      BigDecimal exceptionSlaHours, BigDecimal paymentDeadlineHours, BigDecimal minAddressConfidence,
      BigDecimal premiumCarrierFrom, String supervisorGroup) {}

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final EngineDecisions decisions;
  private final Clock clock;

  public RecordExceptionHandlingWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_EXCEPTION_HANDLING)
  public ExceptionHandlingRecorded record(ActivatedJob job, @Variable String caseId,
      @Variable Map<String, Object> facts, @Variable(name = RESULT) Object handlingDecision) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    // the exception's SLA timer and deadlines read the row's numbers: no row is an incident until it is fixed
    DecisionOutcome outcome = decisions.record(job, caseId, ProcessIds.EXCEPTION_HANDLING, facts, handlingDecision,
        "the exception waits for a table with a row for it");
    DecisionResult result = outcome.requireResult();
    Evaluation evaluation = outcome.evaluation();
    String handling = result.requireText("handling");
    String reviewKind = result.text("reviewKind");
    String rule = evaluation.decidedBy();
    c.touch(clock.instant());
    cases.save(c); // the case first: its version check
    exceptions.save(exception.decided(handling, rule, reviewKind));
    return new ExceptionHandlingRecorded(handling, reviewKind, result.text("candidateGroup"),
        result.number("exceptionSlaHours"), result.number("paymentDeadlineHours"),
        result.number("minAddressConfidence"), result.number("premiumCarrierFrom"), result.text("supervisorGroup"));
  }
}
