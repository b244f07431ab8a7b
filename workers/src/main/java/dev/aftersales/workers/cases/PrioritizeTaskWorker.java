package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.tasks.TaskSla;
import dev.aftersales.workers.EngineDecisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The start listener of every user task: evaluates {@code task-priority} for the task's kind (its
 * {@code taskKind} header) and the case's facts, and sets the task's one local variable {@code taskSla},
 * which its due date, its priority and its escalation timer read (docs/task-priority.md). The
 * evaluation is recorded in the case's timeline like every decision.
 *
 * <p>A redelivered job evaluates again and sets the same kind of variable; nothing outside the task changes.
 */
@Component
public class PrioritizeTaskWorker {

  public record Prioritized(TaskSla taskSla) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final Clock clock;

  public PrioritizeTaskWorker(CaseRepository cases, EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.PRIORITIZE_TASK)
  public Prioritized prioritize(ActivatedJob job, @Variable String caseId) {
    String kind = job.getCustomHeaders().get(Headers.TASK_KIND);
    if (kind == null || kind.isBlank()) {
      throw new IllegalStateException("user task " + job.getElementId() + " has no " + Headers.TASK_KIND + " header");
    }
    AfterSalesCase c = cases.require(caseId);
    Map<String, Object> output = decisions.evaluate(job, caseId, ProcessIds.TASK_PRIORITY, facts(kind, c)).result();
    return new Prioritized(TaskSla.decided(kind, output, clock.instant()));
  }

  /** The facts task-priority reads (docs/task-priority.md); a process owner adds a column on any of them. */
  static Map<String, Object> facts(String kind, AfterSalesCase c) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("taskKind", kind);
    facts.put("customerTier", c.getCustomerTier());
    facts.put("urgent", c.isUrgent());
    facts.put("orderAmount", c.getOrderLines().stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
    facts.put("channel", c.getChannel());
    facts.put("reason", c.getReason() == null ? null : c.getReason().name());
    return facts;
  }
}
