package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies the return policy (DMN {@code return-eligibility}, which requires {@code return-window})
 * through the engine, stores the outcome on the case and hands the agent's forms the facts they show.
 * An out-of-window request gets its compensation coupon planned here, with the amount the policy
 * says, so that issuing it later is a plain idempotent call.
 */
@Component
public class DecideReturnEligibilityWorker {

  private static final Duration ABUSE_GUARD_PERIOD = Duration.ofDays(90);

  public record Decided(Eligibility eligibility, CaseFacts caseFacts) {}

  private final CaseRepository cases;
  private final EngineDecisions decisions;
  private final StepJournal journal;

  public DecideReturnEligibilityWorker(CaseRepository cases, EngineDecisions decisions, StepJournal journal) {
    this.cases = cases;
    this.decisions = decisions;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.DECIDE_RETURN_ELIGIBILITY)
  public Decided decide(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    long daysSinceDelivery = c.getOrderSignedAt() == null
        ? 0 // not signed for yet: the window has not even started
        : BusinessCalendar.wholeDaysBetween(c.getOrderSignedAt(), c.getRequestedAt());
    int returnsInLast90Days =
        cases.countReturnsSince(c.getCustomerId(), c.getRequestedAt().minus(ABUSE_GUARD_PERIOD), caseId);
    if (c.getDecision() == null) {
      decideOnce(job, c, daysSinceDelivery, returnsInLast90Days);
    }
    return new Decided(c.getDecision(), CaseFacts.decided(c, daysSinceDelivery, returnsInLast90Days));
  }

  private void decideOnce(ActivatedJob job, AfterSalesCase c, long daysSinceDelivery, int returnsInLast90Days) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("reason", c.getReason().name());
    inputs.put("promotion", c.getPromotion());
    inputs.put("daysSinceDelivery", daysSinceDelivery);
    inputs.put("unopened", c.getUnopened()); // null (not declared) is a row of its own
    inputs.put("returnsInLast90Days", returnsInLast90Days);
    String decisionId = job.getCustomHeaders().get(Headers.DECISION_ID);
    Evaluation evaluation = decisions.evaluate(job, c.getId(), decisionId, inputs);

    Map<String, Object> outcome = evaluation.result();
    Map<String, Object> window = evaluation.outputOf(ProcessIds.RETURN_WINDOW);
    Eligibility eligibility = Eligibility.valueOf((String) outcome.get("eligibility"));
    String rule = (String) outcome.get("rule");
    c.decided(eligibility, rule, ((Number) window.get("windowDays")).intValue(),
        Boolean.TRUE.equals(window.get("promotionWindow")));
    if (eligibility == Eligibility.AUTO_REJECT) {
      BigDecimal amount = new BigDecimal(outcome.get("couponAmount").toString()).setScale(2, RoundingMode.HALF_UP);
      c.couponPlanned(new Coupon(amount, BigDecimal.ZERO.setScale(2), rule,
          IdempotencyKeys.of(c.getId(), "compensation-coupon"), null, null));
    }
    if (eligibility == Eligibility.EVIDENCE_REVIEW) {
      journal.moveTo(job, c, CaseStatus.UNDER_REVIEW);
    }
    cases.save(c);
  }
}
