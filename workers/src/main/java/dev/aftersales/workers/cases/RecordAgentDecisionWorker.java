package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskState;
import dev.aftersales.tasks.TasklistClient;
import dev.aftersales.tasks.TasklistException;
import dev.aftersales.tasks.TasklistProperties;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores what an agent decided on a form (the {@code task} header says which) on the case and in
 * the timeline with the form data and, from Tasklist, the agent who completed the task and when.
 * The gateways after it read the form variables themselves.
 */
@Component
public class RecordAgentDecisionWorker {

  static final String APPROVE = "APPROVE";
  /** customer-contact: the customer wants another variant, named in {@code newExchangeSku}. */
  static final String OTHER_VARIANT = "OTHER_VARIANT";
  /** customer-contact, out of stock: the customer takes the item named in {@code substituteSku} instead. */
  static final String SUBSTITUTE = "SUBSTITUTE";

  private static final Logger log = LoggerFactory.getLogger(RecordAgentDecisionWorker.class);

  private final CaseRepository cases;
  private final StepJournal journal;
  private final TasklistClient tasklist;
  private final TasklistProperties tasklistProperties;
  private final Clock clock;

  public RecordAgentDecisionWorker(CaseRepository cases, StepJournal journal, TasklistClient tasklist,
      TasklistProperties tasklistProperties, Clock clock) {
    this.cases = cases;
    this.journal = journal;
    this.tasklist = tasklist;
    this.tasklistProperties = tasklistProperties;
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
      @Variable String substituteSku,
      @Variable String contactNotes) {
    AgentTask task = AgentTask.of(job.getCustomHeaders().get(Headers.TASK));
    HumanTask completed = completedTask(job.getProcessInstanceKey(), task).orElse(null);
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
        form.put("substituteSku", substituteSku);
        form.put("contactNotes", contactNotes);
        // Another variant (exchange) and a substitute (out of stock) both name the sku that ships instead.
        String instead = switch (String.valueOf(customerAnswer)) {
          case OTHER_VARIANT -> required(newExchangeSku, "the customer wants another variant but the form names none");
          case SUBSTITUTE -> required(substituteSku, "the customer takes a substitute but the form names none");
          default -> null;
        };
        c.customerAnswered(customerAnswer, contactNotes, instead);
        summary = "Customer answered " + customerAnswer + (instead != null ? ": " + instead : "");
      }
      default -> throw new IllegalStateException("unhandled task " + task);
    }
    c.touch(clock.instant());
    cases.save(c);
    journal.humanTask(job, caseId, task.id(), completed, summary, form);
  }

  private static String required(String sku, String problem) {
    if (sku == null || sku.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
    return sku.strip();
  }

  /**
   * Who completed the task and when, from Tasklist: best effort. Tasklist may show the completion a
   * moment after the engine moved on, so it is asked a few times; without an answer the decision is
   * recorded without the agent, as the form data alone still tells what was decided.
   */
  private Optional<HumanTask> completedTask(long processInstanceKey, AgentTask task) {
    if (!tasklist.configured()) {
      return Optional.empty();
    }
    int attempts = Math.max(1, tasklistProperties.completionLookupAttempts());
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        // The task with this form that was completed last: the one whose decision this job records.
        Optional<HumanTask> done = tasklist.tasksOf(processInstanceKey).stream()
            .filter(t -> task.id().equals(t.formId()) && t.state() == TaskState.COMPLETED)
            .max(Comparator.comparing(HumanTask::completionTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (done.isPresent()) {
          return done;
        }
      } catch (TasklistException e) {
        log.warn("Recording {} of process instance {} without the agent: {}", task.id(), processInstanceKey,
            e.getMessage());
        return Optional.empty();
      }
      if (attempt < attempts && !pause(tasklistProperties.completionLookupInterval())) {
        break;
      }
    }
    log.warn("Tasklist does not show {} of process instance {} completed; recording it without the agent",
        task.id(), processInstanceKey);
    return Optional.empty();
  }

  private static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
