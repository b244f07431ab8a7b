package dev.aftersales.decisions;

import dev.aftersales.models.DmnDocument;
import dev.aftersales.models.InvalidModelException;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A candidate DMN evaluated by Camunda's standalone DMN engine ({@link DmnScala}, the one the engine embeds), never
 * deployed: the what-if replays it on inputs the deployed decision once received.
 */
final class CandidateDecision {

  /** The candidate's answer: its output (as the engine would hand it over) and the rule ids that matched. */
  record Outcome(Object output, List<String> matchedRuleIds) {}

  private final String decisionId;
  private final ParsedDmn parsed;
  private final DmnDocument document;

  private CandidateDecision(String decisionId, ParsedDmn parsed, DmnDocument document) {
    this.decisionId = decisionId;
    this.parsed = parsed;
    this.document = document;
  }

  /** @throws InvalidModelException naming why the DMN cannot stand in for the decision */
  static CandidateDecision parse(String decisionId, byte[] xml) {
    if (xml == null || xml.length == 0) {
      throw new InvalidModelException("is empty: send the candidate DMN file");
    }
    // Our own hardened parse first: no DTD or entity reaches the engine's parser.
    DmnDocument document = DmnDocument.parse(xml);
    if (document.decision(decisionId) == null) {
      throw new InvalidModelException("has no decision with id " + decisionId + " (it has " + document.decisions().keySet()
          + ")");
    }
    try {
      return new CandidateDecision(decisionId, DmnScala.parse(xml), document);
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException("cannot be parsed by the DMN engine: " + e.getMessage());
    }
  }

  DmnDocument document() {
    return document;
  }

  /** @throws IllegalArgumentException with the engine's reason when the evaluation fails on these inputs */
  Outcome evaluate(Map<String, Object> inputs) {
    DmnScala.Result result = DmnScala.evaluate(parsed, decisionId, inputs);
    List<String> matched = result.parts().stream()
        .filter(part -> decisionId.equals(part.decisionId()))
        .flatMap(part -> part.matchedRules().stream())
        .map(DmnScala.MatchedRule::ruleId)
        .toList();
    return new Outcome(result.output(), matched);
  }
}
