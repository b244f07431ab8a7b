package dev.aftersales.workers.cases;

import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Component;

/** Stores the deduction an agent decided ({@code refund-deduction} form) for the refund calculation. */
@Component
public class RecordRefundDeductionWorker {

  /** The form's fields (forms/refund-deduction.form) and the case. */
  public record RefundDeduction(String caseId, BigDecimal deductionAmount, String deductionReason) {

    BigDecimal amount() {
      return (deductionAmount == null ? BigDecimal.ZERO : deductionAmount).setScale(2, RoundingMode.HALF_UP);
    }
  }

  private final AgentDecisions decisions;
  private final OrderSnapshotRepository snapshots;

  public RecordRefundDeductionWorker(AgentDecisions decisions, OrderSnapshotRepository snapshots) {
    this.decisions = decisions;
    this.snapshots = snapshots;
  }

  @JobWorker(type = JobTypes.RECORD_REFUND_DEDUCTION)
  public void record(ActivatedJob job, @VariablesAsType RefundDeduction form) {
    RefundDeduction decided = new RefundDeduction(form.caseId(), form.amount(), form.deductionReason());
    decisions.record(job, form.caseId(), AgentTask.REFUND_DEDUCTION, decided, c -> {
      c.deductionDecided(decided.deductionAmount(), decided.deductionReason(), snapshots.require(c.getId()));
      return "Refund deduction of " + decided.deductionAmount() + " CNY";
    });
  }
}
