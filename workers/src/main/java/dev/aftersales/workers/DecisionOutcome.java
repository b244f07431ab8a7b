package dev.aftersales.workers;

import dev.aftersales.workers.EngineDecisions.Evaluation;

/**
 * What a decision said about a case ({@link EngineDecisions}): a row decided and gave its output columns, or no row
 * matched (a process owner's edit left a gap in the table). Each worker says what the product does instead of the
 * missing rule; that sentence is recorded in the decision's timeline entry and kept on the case as the rule that
 * decided (docs/decisions.md, "When no rule matches").
 */
public sealed interface DecisionOutcome {

  /** The evaluation through the engine: decision id, version, matched rows, inputs. */
  Evaluation evaluation();

  /** A row matched: the columns it set. */
  record Decided(Evaluation evaluation, DecisionResult result) implements DecisionOutcome {}

  /**
   * No row matched.
   *
   * @param rule {@code No rule decided: <what happens instead>}, as the case and the timeline show it
   */
  record NoRuleMatched(Evaluation evaluation, String rule) implements DecisionOutcome {}

  /** The rule a case shows when no row matched and {@code instead} happened. */
  static String noRule(String instead) {
    return "No rule decided: " + instead;
  }

  /**
   * The columns of the row that decided, for a decision the product cannot do without (no gap is handled for it
   * yet): no row is an incident an operator resolves by deploying a table without the gap.
   */
  default DecisionResult requireResult() {
    return switch (this) {
      case Decided decided -> decided.result();
      case NoRuleMatched none -> throw new IllegalStateException(
          "decision %s v%d: no rule matched %s".formatted(none.evaluation().decisionId(),
              none.evaluation().version(), none.evaluation().parts()));
    };
  }
}
