package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionResult;
import dev.aftersales.workers.EngineDecisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Classify return reason": the engine evaluated {@code reason-classification}
 * (the channel's stated reason wins, else keywords over the customer's text and the photos' text); this
 * records the evaluation and stores reason, source, confidence and queue on the case, where the agent sees
 * the guess and its confidence. The case keeps its first classification.
 */
@Component
public class RecordReasonClassificationWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "classificationDecision";

  /** {@code reason} and {@code queue} (the review task's candidate group) as the process reads them. */
  public record Classified(Reason reason, String queue) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;

  public RecordReasonClassificationWorker(CaseRepository cases, EngineDecisions decisions) {
    this.cases = cases;
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_REASON_CLASSIFICATION)
  public Classified record(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> facts,
      @Variable(name = RESULT) Object classificationDecision) {
    AfterSalesCase c = cases.require(caseId);
    // no row at all (the catch-all rows "any other text" and "no text" deleted) is an incident until it is fixed
    DecisionResult result = decisions.record(job, caseId, ProcessIds.REASON_CLASSIFICATION, facts,
        classificationDecision, "the classification fails until the table has a row for every text").requireResult();
    if (c.getReason() == null) {
      c.classified(Reason.valueOf(result.requireText("reason")),
          ReasonSource.valueOf(result.requireText("source")), result.number("confidence"),
          result.requireText("queue"));
      cases.save(c);
    }
    return new Classified(c.getReason(), c.getQueue());
  }
}
