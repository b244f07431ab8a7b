package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Records the agent's decision on a late parcel (forms/late-parcel.form) in the timeline, with the agent
 * who completed the task; the model routes on {@code lateParcelDecision}. An answer the form does not
 * offer is refused here too, as a last guard behind the agent task API's validation.
 */
@Component
public class RecordLateParcelDecisionWorker {

  static final String ACCEPT = "ACCEPT";
  static final Set<String> DECISIONS = Set.of(ACCEPT, "REFUSE");

  /** The form's fields and the case. */
  public record LateParcelDecision(String caseId, String lateParcelDecision, String lateParcelNote) {}

  private final AgentDecisions decisions;

  public RecordLateParcelDecisionWorker(AgentDecisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_LATE_PARCEL_DECISION)
  public void record(ActivatedJob job, @VariablesAsType LateParcelDecision form) {
    String decision = form.lateParcelDecision();
    if (decision == null || !DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("late parcel decision must be one of " + DECISIONS + ", not " + decision);
    }
    decisions.record(job, form.caseId(), AgentTask.LATE_PARCEL, form,
        c -> ACCEPT.equals(decision) ? "Late parcel accepted: inspect and refund" : "Late parcel refused: send back");
  }
}
