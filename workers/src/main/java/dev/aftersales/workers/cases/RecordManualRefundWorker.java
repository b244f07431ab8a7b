package dev.aftersales.workers.cases;

import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundRepository;
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
  private final RefundRepository refunds;
  private final Clock clock;

  public RecordManualRefundWorker(AgentDecisions decisions, RefundRepository refunds, Clock clock) {
    this.decisions = decisions;
    this.refunds = refunds;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_MANUAL_REFUND)
  public void record(ActivatedJob job, @VariablesAsType ManualRefund form) {
    decisions.record(job, form.caseId(), AgentTask.MANUAL_REFUND, form, c -> {
      // the refund's own row, in the job's transaction with the case the agent decisions save
      Refund refund = refunds.require(c.getId());
      if (!refund.issued()) {
        refunds.save(refund.issuedManually(form.manualRefundReference(), clock.instant()));
      }
      return "Refunded manually, reference " + form.manualRefundReference();
    });
  }
}
