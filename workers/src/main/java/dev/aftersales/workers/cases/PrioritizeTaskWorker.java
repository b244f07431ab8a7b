package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.tasks.TaskSla;
import dev.aftersales.workers.DecisionOutcome;
import dev.aftersales.workers.DecisionOutcome.Decided;
import dev.aftersales.workers.DecisionOutcome.NoRuleMatched;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.decision.DecisionContext;
import dev.aftersales.workers.decision.TaskPriorityFallback;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The start listener of every user task: evaluates {@code task-priority}, the version deployed with the process
 * ({@link EngineDecisions}: table {@code decision_binding}), for the task's kind (its {@code taskKind} header) and
 * the case's documented facts ({@link DecisionContext}: {@code facts.customerTier}, …), and sets the task's one local variable {@code taskSla},
 * which its due date, its priority and its escalation timer read (docs/task-priority.md). The
 * evaluation is recorded in the case's timeline like every decision. When no row matches (a gap a process owner's
 * edit left), the task still gets created, with the table's lowest normal row ({@link TaskPriorityFallback}).
 *
 * <p>A redelivered job evaluates again and sets the same kind of variable; nothing outside the task changes.
 */
@Component
public class PrioritizeTaskWorker {

  public record Prioritized(TaskSla taskSla) {}

  /** The variable beside {@code facts} that names the task (docs/decisions.md). */
  static final String TASK_KIND = "taskKind";

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final DecisionContext context;
  private final TaskPriorityFallback fallback;
  private final Clock clock;

  public PrioritizeTaskWorker(CaseRepository cases, EngineDecisions decisions, DecisionContext context,
      TaskPriorityFallback fallback, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.context = context;
    this.fallback = fallback;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.PRIORITIZE_TASK)
  public Prioritized prioritize(ActivatedJob job, @Variable String caseId) {
    String kind = job.getCustomHeaders().get(Headers.TASK_KIND);
    if (kind == null || kind.isBlank()) {
      throw new IllegalStateException("user task " + job.getElementId() + " has no " + Headers.TASK_KIND + " header");
    }
    AfterSalesCase c = cases.require(caseId);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(TASK_KIND, kind);
    variables.put(DecisionContext.FACTS, context.of(job, c, null, null, null));
    DecisionOutcome outcome = decisions.evaluate(job, caseId, ProcessIds.TASK_PRIORITY, variables, ifNoRule());
    Map<String, Object> output = switch (outcome) {
      case Decided decided -> decided.result().output();
      case NoRuleMatched none -> fallback.row().orElseThrow(() -> new IllegalStateException(
          "no row of " + ProcessIds.TASK_PRIORITY + " matched task " + kind + ", and it has no normal row")).outputs();
    };
    return new Prioritized(TaskSla.decided(kind, output, clock.instant()));
  }

  /** The task is still created, with the table's lowest normal priority (docs/task-priority.md). */
  private String ifNoRule() {
    return fallback.row().map(row -> "the task gets the table's lowest normal priority, " + row.describe())
        .orElse("the task cannot be created: the table has no normal row");
  }
}
