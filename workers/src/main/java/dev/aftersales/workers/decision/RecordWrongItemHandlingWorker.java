package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionOutcome;
import dev.aftersales.workers.DecisionOutcome.Decided;
import dev.aftersales.workers.DecisionOutcome.NoRuleMatched;
import dev.aftersales.workers.EngineDecisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide wrong-item handling": the engine evaluated {@code wrong-item-handling} on the
 * wrong item's value (fact {@code wrongItemValue}: OMS's unit price of each received sku × quantity; null
 * when unknown, which the decision treats as above the threshold). This records the evaluation and stores
 * value, outcome and rule on the case. No answer (no rule matched, after a process owner's change) is recorded
 * too: the gateway's default flow then has an agent agree it with the customer.
 */
@Component
public class RecordWrongItemHandlingWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "wrongItemDecision";

  /** What happens when no rule answers: the gateway's default flow. */
  private static final String AGENT_AGREES = "an agent agrees with the customer";

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final Clock clock;

  public RecordWrongItemHandlingWorker(CaseRepository cases, EngineDecisions decisions, Clock clock) {
    this.cases = cases;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.RECORD_WRONG_ITEM_HANDLING)
  public void record(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> facts,
      @Variable(name = RESULT) Object wrongItemDecision) {
    AfterSalesCase c = cases.require(caseId);
    DecisionOutcome outcome = decisions.record(job, caseId, ProcessIds.WRONG_ITEM_HANDLING, facts, wrongItemDecision,
        AGENT_AGREES);
    if (c.getKeepWrongItem() == null) {
      BigDecimal value = facts.get("wrongItemValue") instanceof Number n ? new BigDecimal(n.toString()) : null;
      switch (outcome) {
        case Decided decided -> {
          // a row without an answer leaves it to the agent too, as the gateway's default flow does
          Boolean keep = decided.result().output().get("keepWrongItem") instanceof Boolean b ? b : null;
          c.wrongItemHandlingDecided(value, keep, keep == null ? DecisionOutcome.noRule(AGENT_AGREES)
              : decided.result().text("rule"));
        }
        case NoRuleMatched none -> c.wrongItemHandlingDecided(value, null, none.rule());
      }
      c.touch(clock.instant());
      cases.save(c);
    }
  }
}
