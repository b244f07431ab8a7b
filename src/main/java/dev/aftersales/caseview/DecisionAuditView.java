package dev.aftersales.caseview;

import dev.aftersales.models.DeployedModels;
import dev.aftersales.models.DmnDocument;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One decision of {@code GET /api/after-sales/cases/{caseId}/decisions}: a DECISION entry of the timeline
 * (decision id, version, key, inputs, output, matched rules as recorded: docs/decisions.md) with what the DMN
 * adds for a reader: the decision's name, and each matched rule's row and annotation.
 *
 * @param model where the console fetches the DMN to draw the table
 * @param rulesMatchedBy for a business rule task: where its decision was evaluated again for the matched rows,
 *     {@code application} or {@code engine} (docs/decisions.md); null for a decision a worker applied itself
 * @param outputMatchesEngine for a business rule task: whether that evaluation gave the output the engine gave
 *     at the task, which the process followed ({@code output}); false means the matched rows shown may not be the
 *     ones the engine matched; null for a decision a worker applied itself
 */
public record DecisionAuditView(Instant time, String elementId, String decisionId, String decisionName,
    Integer decisionVersion, Long decisionKey, Object inputs, Object output, List<MatchedRuleView> matchedRules,
    List<EvaluatedDecisionView> evaluatedDecisions, String model, String rulesMatchedBy,
    Boolean outputMatchesEngine) {

  /**
   * @param ruleIndex as recorded (the engine's index, counted from 1); {@code row} the rule's 1-based row in the
   *     deployed table and {@code annotation} its annotation, both null when the deployed DMN has no rule with this id
   */
  public record MatchedRuleView(String ruleId, Integer ruleIndex, Integer row, String annotation) {}

  /** A decision of the requirements graph evaluated on the way (the decision itself included). */
  public record EvaluatedDecisionView(String decisionId, String decisionName, Integer decisionVersion,
      Long decisionKey, Object inputs, Object output, List<MatchedRuleView> matchedRules) {}

  /** @param masked customer personal data in inputs and outputs replaced ({@link PersonalData}) */
  static DecisionAuditView of(TimelineEntry entry, DeployedModels models, boolean masked) {
    Map<String, Object> details = masked ? PersonalData.masked(entry.details()) : entry.details();
    String decisionId = text(details.get("decisionId"));
    Optional<DmnDocument.Decision> dmn = decisionId == null ? Optional.empty() : models.decision(decisionId);
    List<EvaluatedDecisionView> evaluated = list(details.get("evaluatedDecisions")).stream()
        .map(part -> evaluated(map(part), models)).toList();
    return new DecisionAuditView(entry.occurredAt(), entry.elementId(), decisionId,
        dmn.map(DmnDocument.Decision::name).orElse(decisionId), version(details), number(details.get("decisionKey")),
        details.get("inputs"), details.get("output"), rules(details.get("matchedRules"), dmn),
        evaluated, decisionId == null || models.decisionFile(decisionId).isEmpty() ? null
            : ApiPaths.MODEL_DECISION.replace("{decisionId}", decisionId),
        text(details.get("rulesMatchedBy")),
        details.get("outputMatchesEngine") instanceof Boolean agrees ? agrees : null);
  }

  private static EvaluatedDecisionView evaluated(Map<String, Object> part, DeployedModels models) {
    String decisionId = text(part.get("decisionId"));
    Optional<DmnDocument.Decision> dmn = decisionId == null ? Optional.empty() : models.decision(decisionId);
    Long key = number(part.get("decisionKey"));
    return new EvaluatedDecisionView(decisionId, dmn.map(DmnDocument.Decision::name).orElse(decisionId),
        version(part), key, part.get("inputs"), part.get("output"), rules(part.get("matchedRules"), dmn));
  }

  private static List<MatchedRuleView> rules(Object matched, Optional<DmnDocument.Decision> dmn) {
    return list(matched).stream().map(o -> {
      Map<String, Object> rule = map(o);
      String ruleId = text(rule.get("ruleId"));
      Long index = number(rule.get("ruleIndex"));
      DmnDocument.Rule deployed = dmn.map(d -> d.rule(ruleId)).orElse(null);
      return new MatchedRuleView(ruleId, index == null ? null : index.intValue(),
          deployed == null ? null : deployed.row(), deployed == null ? null : deployed.annotation());
    }).toList();
  }

  /** {@code decisionVersion} on the entry, {@code version} on its evaluated parts (and on early entries). */
  private static Integer version(Map<String, Object> details) {
    Long version = number(details.containsKey("decisionVersion") ? details.get("decisionVersion")
        : details.get("version"));
    return version == null ? null : version.intValue();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? null : Long.valueOf(value.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
