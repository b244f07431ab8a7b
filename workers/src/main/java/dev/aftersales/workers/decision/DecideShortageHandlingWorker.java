package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import dev.aftersales.workers.EngineDecisions.EvaluatedPart;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides how a short line is handled (DMN {@code shortage-handling}, or the one the {@code decisionId}
 * header names, through the engine): ship at
 * once, wait for an arrival within the promised window, or ask the customer, with the options to
 * offer and, for a bundle, the gift. The case keeps the outcome and the rule that matched.
 */
@Component
public class DecideShortageHandlingWorker {

  public record ShortageHandlingDecided(String shortageHandling, List<String> contactOptions, String giftSku) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final Clock clock;

  public DecideShortageHandlingWorker(CaseRepository cases, EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.DECIDE_SHORTAGE_HANDLING)
  public ShortageHandlingDecided decide(ActivatedJob job, @Variable String caseId, @Variable Boolean inStock,
      @Variable Long daysUntilArrival) {
    AfterSalesCase c = cases.require(caseId);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("inStock", Boolean.TRUE.equals(inStock));
    inputs.put("daysUntilArrival", daysUntilArrival);
    inputs.put("bundleComponent", c.requireShortage().bundleComponent());
    String decisionId = job.getCustomHeaders().getOrDefault(Headers.DECISION_ID, ProcessIds.SHORTAGE_HANDLING);
    Evaluation evaluation = decisions.evaluate(job, caseId, decisionId, inputs);
    Map<String, Object> outcome = evaluation.result();
    if (!(outcome.get("shortageHandling") instanceof String handling)) {
      throw new IllegalStateException("decision " + decisionId + " gave no shortageHandling for " + inputs);
    }
    List<String> options = outcome.get("contactOptions") instanceof List<?> list
        ? list.stream().map(String::valueOf).toList() : List.of();
    String giftSku = outcome.get("giftSku") instanceof String gift ? gift : null;
    String rule = ruleOf(evaluation);
    c.updateShortage(s -> s.decided(handling, rule, giftSku));
    c.touch(clock.instant());
    cases.save(c);
    return new ShortageHandlingDecided(handling, options, giftSku);
  }

  /** {@code shortage-handling v2 Rule_WithinWindow}: which version and row decided, for the case view. */
  private static String ruleOf(Evaluation evaluation) {
    EvaluatedPart part = evaluation.parts().get(evaluation.decisionId());
    String row = part == null || part.matchedRules().isEmpty() ? "no rule" : part.matchedRules().getFirst().ruleId();
    return "%s v%d %s".formatted(evaluation.decisionId(), evaluation.version(), row);
  }
}
