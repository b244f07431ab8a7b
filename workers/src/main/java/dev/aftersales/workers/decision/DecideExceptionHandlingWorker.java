package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.EvaluatedPart;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides how an exception order is handled (DMN {@code exception-handling}, or the one the {@code decisionId}
 * header names, through the engine): release at once, an automatic step, or an agent's review in a queue,
 * and the numbers the model works with (SLA, payment deadline, address confidence, premium carrier limit).
 * Every policy number is the decision's; the case keeps the handling and the rule that matched.
 */
@Component
public class DecideExceptionHandlingWorker {

  /** The decision's outputs as process variables; a number the rule does not set stays null. */
  public record ExceptionHandlingDecided(String handling, String reviewKind, String candidateGroup,
      Number exceptionSlaHours, Number paymentDeadlineHours, Number minAddressConfidence, Number premiumCarrierFrom,
      String supervisorGroup) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final Clock clock;

  public DecideExceptionHandlingWorker(CaseRepository cases, EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.DECIDE_EXCEPTION_HANDLING)
  public ExceptionHandlingDecided decide(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = c.requireOrderException();
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("exceptionType", exception.exceptionType().name());
    inputs.put("orderAmount", exception.orderAmount());
    inputs.put("parcels", exception.parcels());
    inputs.put("channel", c.getChannel());
    inputs.put("customerTier", c.getCustomerTier());
    String decisionId = job.getCustomHeaders().getOrDefault(Headers.DECISION_ID, ProcessIds.EXCEPTION_HANDLING);
    Evaluation evaluation = decisions.evaluate(job, caseId, decisionId, inputs);
    Map<String, Object> outcome = evaluation.result();
    if (!(outcome.get("handling") instanceof String handling)) {
      throw new IllegalStateException("decision " + decisionId + " gave no handling for " + inputs);
    }
    String reviewKind = text(outcome.get("reviewKind"));
    c.updateOrderException(e -> e.decided(handling, ruleOf(evaluation), reviewKind));
    c.touch(clock.instant());
    cases.save(c);
    return new ExceptionHandlingDecided(handling, reviewKind, text(outcome.get("candidateGroup")),
        number(outcome.get("exceptionSlaHours")), number(outcome.get("paymentDeadlineHours")),
        number(outcome.get("minAddressConfidence")), number(outcome.get("premiumCarrierFrom")),
        text(outcome.get("supervisorGroup")));
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : null;
  }

  /** {@code exception-handling v2 Rule_PaymentFailed}: which version and row decided, for the case view. */
  private static String ruleOf(Evaluation evaluation) {
    EvaluatedPart part = evaluation.parts().get(evaluation.decisionId());
    String row = part == null || part.matchedRules().isEmpty() ? "no rule" : part.matchedRules().getFirst().ruleId();
    return "%s v%d %s".formatted(evaluation.decisionId(), evaluation.version(), row);
  }
}
