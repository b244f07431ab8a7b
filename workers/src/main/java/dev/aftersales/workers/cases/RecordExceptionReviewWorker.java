package dev.aftersales.workers.cases;

import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Records the agent's review of an exception order ({@code exception-review} form): release or cancel, the
 * parcel plan or the carrier chosen, and the notes. A carrier chosen by the agent is the one the order is
 * released with.
 */
@Component
public class RecordExceptionReviewWorker {

  /** The form's fields (forms/exception-review.form) and the case. */
  public record ExceptionReview(String caseId, String exceptionDecision, String parcelPlan, String carrier,
      String reviewNotes) {}

  private final AgentDecisions decisions;
  private final OrderExceptionRepository exceptions;

  public RecordExceptionReviewWorker(AgentDecisions decisions, OrderExceptionRepository exceptions) {
    this.decisions = decisions;
    this.exceptions = exceptions;
  }

  @JobWorker(type = JobTypes.RECORD_EXCEPTION_REVIEW)
  public void record(ActivatedJob job, @VariablesAsType ExceptionReview form) {
    decisions.record(job, form.caseId(), AgentTask.EXCEPTION_REVIEW, form, c -> {
      if (form.carrier() != null && !form.carrier().isBlank()) {
        // the exception's own row, in the job's transaction with the case the agent decisions save
        exceptions.save(exceptions.require(c.getId()).carrierChosen(form.carrier().strip()));
      }
      String outcome = "CANCEL".equals(form.exceptionDecision()) ? "Cancel the order" : "Release the order";
      return outcome + (form.parcelPlan() == null ? "" : " (" + form.parcelPlan() + ")")
          + (form.carrier() == null ? "" : " with carrier " + form.carrier());
    });
  }
}
