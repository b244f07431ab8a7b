package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Stores what an agent decided on a form (the {@code task} header says which) on the case and in
 * the timeline with the form data. The gateways after it read the form variables themselves.
 */
@Component
public class RecordAgentDecisionWorker {

  static final String APPROVE = "APPROVE";
  /** customer-contact: the customer wants another variant, named in {@code newExchangeSku}. */
  static final String OTHER_VARIANT = "OTHER_VARIANT";

  private final CaseRepository cases;
  private final StepJournal journal;
  private final Clock clock;

  public RecordAgentDecisionWorker(CaseRepository cases, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_AGENT_DECISION)
  public void record(
      ActivatedJob job,
      @Variable String caseId,
      @Variable String reviewDecision,
      @Variable String rejectionReason,
      @Variable String reviewNote,
      @Variable String mismatchResolution,
      @Variable String mismatchNote,
      @Variable BigDecimal deductionAmount,
      @Variable String deductionReason,
      @Variable String manualRefundReference,
      @Variable String manualRefundNote,
      @Variable String customerAnswer,
      @Variable String newExchangeSku,
      @Variable String contactNotes) {
    AgentTask task = AgentTask.of(job.getCustomHeaders().get(Headers.TASK));
    AfterSalesCase c = cases.require(caseId);
    Map<String, Object> form = new LinkedHashMap<>();
    String summary;
    switch (task) {
      case EVIDENCE_REVIEW -> {
        form.put("reviewDecision", reviewDecision);
        form.put("rejectionReason", rejectionReason);
        form.put("reviewNote", reviewNote);
        // An approved return goes to QC with priority (DESIGN 2, return eligibility).
        if (APPROVE.equals(reviewDecision)) {
          c.markUrgent();
        }
        summary = "Evidence review: " + reviewDecision;
      }
      case BARCODE_MISMATCH -> {
        form.put("mismatchResolution", mismatchResolution);
        form.put("mismatchNote", mismatchNote);
        summary = "Barcode mismatch resolved: " + mismatchResolution;
      }
      case REFUND_DEDUCTION -> {
        BigDecimal amount = (deductionAmount == null ? BigDecimal.ZERO : deductionAmount).setScale(2, RoundingMode.HALF_UP);
        form.put("deductionAmount", amount);
        form.put("deductionReason", deductionReason);
        c.deductionDecided(amount, deductionReason);
        summary = "Refund deduction of " + amount + " CNY";
      }
      case MANUAL_REFUND -> {
        form.put("manualRefundReference", manualRefundReference);
        form.put("manualRefundNote", manualRefundNote);
        if (c.getRefund().map(r -> !r.issued()).orElse(true)) {
          c.updateRefund(refund -> refund.issuedManually(manualRefundReference, clock.instant()));
        }
        summary = "Refunded manually, reference " + manualRefundReference;
      }
      case CUSTOMER_CONTACT -> {
        form.put("customerAnswer", customerAnswer);
        form.put("newExchangeSku", newExchangeSku);
        form.put("contactNotes", contactNotes);
        boolean otherVariant = OTHER_VARIANT.equals(customerAnswer);
        if (otherVariant && (newExchangeSku == null || newExchangeSku.isBlank())) {
          throw new IllegalArgumentException("the customer wants another variant but the form names none");
        }
        c.customerAnswered(customerAnswer, contactNotes, otherVariant ? newExchangeSku.strip() : null);
        summary = "Customer answered " + customerAnswer + (otherVariant ? ": variant " + newExchangeSku.strip() : "");
      }
      default -> throw new IllegalStateException("unhandled task " + task);
    }
    c.touch(clock.instant());
    cases.save(c);
    journal.humanTask(job, caseId, task.id(), summary, form);
  }
}
