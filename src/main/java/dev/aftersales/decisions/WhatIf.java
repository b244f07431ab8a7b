package dev.aftersales.decisions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code POST /api/decisions/{decisionId}/what-if}: how the candidate DMN would have decided the
 * past evaluations of the decision in the period, and what that would have changed in money (new minus old).
 *
 * @param replayed past evaluations replayed; {@code truncated} true when the period held more than were replayed
 * @param cases the evaluations whose output changed or that the candidate could not evaluate, oldest first
 */
public record WhatIf(String decisionId, LocalDate from, LocalDate to, String currency, int replayed, boolean truncated,
    int changed, int failed, Money moneyImpact, List<ChangedCase> cases) {

  /** New minus old, CNY: coupons from the outputs' coupon amounts, refunds from an eligibility that flips. */
  public record Money(BigDecimal coupons, BigDecimal refunds) {

    static final Money NONE = new Money(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    Money plus(Money other) {
      return new Money(coupons.add(other.coupons), refunds.add(other.refunds));
    }
  }

  /** A matched rule: its id, row (1-based) and annotation in the DMN it belongs to (old: the deployed one). */
  public record RuleRef(String ruleId, Integer row, String annotation) {}

  /** @param error why the candidate could not evaluate these inputs; then {@code newOutput} is null */
  public record ChangedCase(String caseId, String channel, Instant evaluatedAt, Integer decisionVersion,
      Object inputs, Object oldOutput, Object newOutput, List<RuleRef> oldRules, List<RuleRef> newRules,
      Money moneyImpact, String error) {}
}
