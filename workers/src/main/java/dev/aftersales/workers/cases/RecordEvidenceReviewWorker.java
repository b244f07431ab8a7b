package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Records the outcome of the {@code evidence-review} form; an approved quality return becomes urgent. */
@Component
public class RecordEvidenceReviewWorker {

  static final String APPROVE = "APPROVE";

  /** The form's fields (forms/evidence-review.form) and the case. */
  public record EvidenceReview(String caseId, String reviewDecision, String rejectionReason, String reviewNote) {}

  private final AgentDecisions decisions;

  public RecordEvidenceReviewWorker(AgentDecisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_EVIDENCE_REVIEW)
  public void record(ActivatedJob job, @VariablesAsType EvidenceReview form) {
    decisions.record(job, form.caseId(), AgentTask.EVIDENCE_REVIEW, form, c -> {
      // Only an approved quality return is urgent (AfterSalesCase#evidenceApproved, docs/returns-process.md).
      if (APPROVE.equals(form.reviewDecision())) {
        c.evidenceApproved();
      }
      return "Evidence review: " + form.reviewDecision();
    });
  }
}
