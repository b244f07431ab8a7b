package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.CouponRepository;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionOutcome;
import dev.aftersales.workers.DecisionOutcome.Decided;
import dev.aftersales.workers.DecisionOutcome.NoRuleMatched;
import dev.aftersales.workers.DecisionResult;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide return eligibility": the engine applied the return policy (DMN
 * {@code return-eligibility}, which requires {@code return-window}) to the facts; this records the
 * evaluation and stores the outcome on the case, and hands the agent's forms the facts they show.
 * An out-of-window request gets its compensation coupon planned here, with the amount and threshold the
 * policy says, so that issuing it later is a plain idempotent call. An outcome the product does not know
 * (a process owner added one), or no matching rule at all, puts the case under review: the gateway's default
 * flow leads to an agent.
 */
@Component
public class RecordReturnEligibilityWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "eligibilityDecision";

  /** What the process does when no row of the table matched: the gateway's default flow. */
  private static final String AGENT_REVIEWS = "an agent reviews the request";

  /** The rule the case shows when no row of the table matched. */
  public static final String NO_RULE = DecisionOutcome.noRule(AGENT_REVIEWS);

  public record Recorded(CaseFacts caseFacts) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final CouponRepository coupons;
  private final EngineDecisions decisions;
  private final StepJournal journal;

  public RecordReturnEligibilityWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      CouponRepository coupons, EngineDecisions decisions, StepJournal journal) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.coupons = coupons;
    this.decisions = decisions;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.RECORD_RETURN_ELIGIBILITY)
  public Recorded record(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> facts,
      @Variable(name = RESULT) Object eligibilityDecision) {
    AfterSalesCase c = cases.require(caseId);
    DecisionOutcome outcome = decisions.record(job, caseId, ProcessIds.RETURN_ELIGIBILITY, facts, eligibilityDecision,
        AGENT_REVIEWS);
    if (c.getDecision() == null) {
      switch (outcome) {
        case Decided decided -> apply(job, c, decided.result(), decided.evaluation());
        case NoRuleMatched none -> undecided(job, c, none);
      }
    }
    return new Recorded(CaseFacts.decided(c, snapshots.require(caseId), number(facts, "daysSinceDelivery"),
        (int) number(facts, "returnsInLast90Days")));
  }

  private void apply(ActivatedJob job, AfterSalesCase c, DecisionResult result, Evaluation evaluation) {
    String outcome = result.requireText("eligibility");
    Eligibility eligibility = Arrays.stream(Eligibility.values()).filter(e -> e.name().equals(outcome)).findFirst()
        .orElse(Eligibility.EVIDENCE_REVIEW);
    String rule = result.text("rule");
    Map<String, Object> window = evaluation.outputOf(ProcessIds.RETURN_WINDOW);
    c.decided(eligibility, rule == null ? outcome : rule, ((Number) window.get("windowDays")).intValue(),
        Boolean.TRUE.equals(window.get("promotionWindow")));
    if (eligibility == Eligibility.EVIDENCE_REVIEW) {
      journal.moveTo(job, c, CaseStatus.UNDER_REVIEW);
    }
    // The case first: its version check fails before the coupon is written. Both commit with the job, so a
    // retried job finds the decision stored and plans no second coupon.
    cases.save(c);
    if (eligibility == Eligibility.AUTO_REJECT) {
      coupons.save(Coupon.planned(c.getId(), money(result.requireNumber("couponAmount")),
          money(result.requireNumber("couponThreshold")), rule, IdempotencyKeys.of(c.getId(), "compensation-coupon")));
    }
  }

  /**
   * No rule matched (a process owner's edit left a gap in the table): an agent reviews the request, as the
   * gateway's default flow says, instead of the case failing into an incident.
   */
  private void undecided(ActivatedJob job, AfterSalesCase c, NoRuleMatched none) {
    Object window = windowOf(none.evaluation());
    Map<?, ?> windowOutput = window instanceof Map<?, ?> map ? map : Map.of();
    c.decided(Eligibility.EVIDENCE_REVIEW, none.rule(),
        windowOutput.get("windowDays") instanceof Number days ? days.intValue() : null,
        Boolean.TRUE.equals(windowOutput.get("promotionWindow")));
    journal.moveTo(job, c, CaseStatus.UNDER_REVIEW);
    cases.save(c);
  }

  private static Object windowOf(Evaluation evaluation) {
    try {
      return evaluation.outputOf(ProcessIds.RETURN_WINDOW);
    } catch (IllegalStateException notEvaluated) {
      return null;
    }
  }

  private static long number(Map<String, Object> facts, String fact) {
    return facts.get(fact) instanceof Number n ? n.longValue() : 0;
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
