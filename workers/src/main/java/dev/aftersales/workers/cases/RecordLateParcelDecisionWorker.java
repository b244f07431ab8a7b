package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Records the agent's decision on a late parcel (form late-parcel) in the timeline; the model routes
 * on {@code lateParcelDecision}. An answer the form does not offer is refused here too, since a
 * completion through the API skips the form.
 */
@Component
public class RecordLateParcelDecisionWorker {

  static final Set<String> DECISIONS = Set.of("ACCEPT", "REFUSE");

  private final StepJournal journal;

  public RecordLateParcelDecisionWorker(StepJournal journal) {
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.RECORD_LATE_PARCEL_DECISION)
  public void record(ActivatedJob job, @Variable String caseId, @Variable String lateParcelDecision,
      @Variable String lateParcelNote) {
    if (lateParcelDecision == null || !DECISIONS.contains(lateParcelDecision)) {
      throw new IllegalArgumentException("late parcel decision must be one of " + DECISIONS + ", not "
          + lateParcelDecision);
    }
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("lateParcelDecision", lateParcelDecision);
    form.put("lateParcelNote", lateParcelNote);
    journal.humanTask(job, caseId, AgentTask.LATE_PARCEL.id(), null,
        "ACCEPT".equals(lateParcelDecision) ? "Late parcel accepted: inspect and refund" : "Late parcel refused: send back",
        form);
  }
}
