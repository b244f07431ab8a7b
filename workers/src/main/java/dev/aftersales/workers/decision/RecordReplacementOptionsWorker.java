package dev.aftersales.workers.decision;

import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide replacement options": the engine evaluated {@code replacement-options} (which
 * options the agent offers when the item to ship is out of stock: waiting only with an arrival date and up to
 * the number of waits the table sets). This records the evaluation in the case timeline; the contact task reads
 * its options from the result, so nothing is stored on the case.
 */
@Component
public class RecordReplacementOptionsWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "replacementOptions";

  private final EngineDecisions decisions;

  public RecordReplacementOptionsWorker(EngineDecisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_REPLACEMENT_OPTIONS)
  public void record(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> facts,
      @Variable(name = RESULT) Object replacementOptions) {
    decisions.record(job, caseId, ProcessIds.REPLACEMENT_OPTIONS, facts, replacementOptions,
        "the agent offers no option the table names");
  }
}
