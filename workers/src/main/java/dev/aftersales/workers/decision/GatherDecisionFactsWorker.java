package dev.aftersales.workers.decision;

import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The start listener of every business rule task: hands the decision its facts ({@link DecisionContext}),
 * as the task's local variable {@code facts}; the engine then evaluates the decision deployed with the
 * process. It only reads (OCR text and a wrong item's price are read once and kept on the case), so a
 * redelivered job gathers again.
 */
@Component
public class GatherDecisionFactsWorker {

  private final CaseRepository cases;
  private final DecisionContext context;

  public GatherDecisionFactsWorker(CaseRepository cases, DecisionContext context) {
    this.cases = cases;
    this.context = context;
  }

  /**
   * @param inStock shortages only, from {@code check-next-arrival}
   * @param daysUntilArrival shortages, from {@code check-next-arrival}; replacements and reshipments, from
   *     {@code check-replacement-stock}
   * @param replacementWaits an exchange's waits for its replacement (the model counts them)
   * @param reshipWaits a mis-sent claim's waits for the correct item (the model counts them)
   */
  @JobWorker(type = JobTypes.GATHER_DECISION_FACTS)
  public Map<String, DecisionFacts> gather(ActivatedJob job, @Variable String caseId, @Variable Boolean inStock,
      @Variable Long daysUntilArrival, @Variable Integer replacementWaits, @Variable Integer reshipWaits) {
    return Map.of(DecisionContext.FACTS, context.of(job, cases.require(caseId), inStock, daysUntilArrival,
        replacementWaits != null ? replacementWaits : reshipWaits));
  }
}
