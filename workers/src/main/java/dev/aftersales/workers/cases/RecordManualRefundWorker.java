package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Marks the refund issued by hand ({@code manual-refund} form), once, with finance's reference. */
@Component
public class RecordManualRefundWorker {

  /** The form's fields (forms/manual-refund.form) and the case. */
  public record ManualRefund(String caseId, String manualRefundReference, String manualRefundNote) {}

  private final AgentDecisions decisions;
  private final Clock clock;

  public RecordManualRefundWorker(AgentDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_MANUAL_REFUND)
  public void record(ActivatedJob job, @VariablesAsType ManualRefund form) {
    decisions.record(job, form.caseId(), AgentTask.MANUAL_REFUND, form, c -> {
      if (c.getRefund().map(r -> !r.issued()).orElse(true)) {
        c.updateRefund(refund -> refund.issuedManually(form.manualRefundReference(), clock.instant()));
      }
      return "Refunded manually, reference " + form.manualRefundReference();
    });
  }
}
