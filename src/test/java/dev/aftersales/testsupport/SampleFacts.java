package dev.aftersales.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * Decision facts (the {@code facts} context of docs/decisions.md) that make the deployed decisions give a
 * wanted outcome, for process-path tests that play the facts listener.
 */
public final class SampleFacts {

  private SampleFacts() {}

  /** The channel stated the reason: reason-classification takes it as is. */
  public static Map<String, Object> statedReason(final String reason) {
    final Map<String, Object> facts = base();
    facts.put("statedReason", reason);
    return facts;
  }

  /** Facts of a return that return-eligibility decides as {@code eligibility}. */
  public static Map<String, Object> returnDecidedAs(final String eligibility) {
    final Map<String, Object> facts = base();
    switch (eligibility) {
      case "AUTO_APPROVE" -> {
        facts.put("reason", "NO_REASON");
        facts.put("daysSinceDelivery", 3);
        facts.put("unopened", true);
      }
      case "EVIDENCE_REVIEW" -> {
        facts.put("reason", "QUALITY");
        facts.put("daysSinceDelivery", 3);
      }
      case "AUTO_REJECT" -> {
        facts.put("reason", "NO_REASON");
        facts.put("daysSinceDelivery", 20);
        facts.put("unopened", true);
      }
      default -> throw new IllegalArgumentException("no sample facts for " + eligibility);
    }
    return facts;
  }

  private static Map<String, Object> base() {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", "RETURN");
    facts.put("channel", "TMALL");
    facts.put("returnsInLast30Days", 1);
    facts.put("returnsInLast90Days", 1);
    facts.put("returnsInLast365Days", 1);
    return facts;
  }
}
