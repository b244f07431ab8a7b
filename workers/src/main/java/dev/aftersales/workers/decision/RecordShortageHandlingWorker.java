package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide shortage handling": the engine evaluated {@code shortage-handling} (ship at
 * once, wait for an arrival within the promised window, or ask the customer, with the options to offer
 * and, for a bundle, the gift). This records the evaluation, keeps the outcome and the rule that matched on
 * the case, and hands the contact form its options and the substitute order its policy (gift quantity,
 * price tolerance).
 */
@Component
public class RecordShortageHandlingWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "shortageDecision";

  public record ShortageHandlingRecorded(List<String> contactOptions, String giftSku, BigDecimal giftQuantity,
      BigDecimal substitutePriceTolerance) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final Clock clock;

  public RecordShortageHandlingWorker(CaseRepository cases, EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_SHORTAGE_HANDLING)
  public ShortageHandlingRecorded record(ActivatedJob job, @Variable String caseId,
      @Variable Map<String, Object> facts, @Variable(name = RESULT) Object shortageDecision) {
    AfterSalesCase c = cases.require(caseId);
    DecisionResult result = new DecisionResult(ProcessIds.SHORTAGE_HANDLING, shortageDecision);
    Evaluation evaluation = decisions.record(job, caseId, ProcessIds.SHORTAGE_HANDLING,
        Map.of(DecisionContext.FACTS, facts), shortageDecision);
    String handling = result.requireText("shortageHandling");
    String giftSku = result.text("giftSku");
    String rule = evaluation.decidedBy();
    c.updateShortage(s -> s.decided(handling, rule, giftSku));
    c.touch(clock.instant());
    cases.save(c);
    List<String> options = result.output().get("contactOptions") instanceof List<?> list
        ? list.stream().map(String::valueOf).toList() : List.of();
    return new ShortageHandlingRecorded(options, giftSku, result.number("giftQuantity"),
        result.number("substitutePriceTolerance"));
  }
}
