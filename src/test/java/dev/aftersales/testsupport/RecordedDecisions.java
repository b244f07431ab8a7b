package dev.aftersales.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision evaluated by the test engine on the deployed models and recorded on a case's timeline in the shape
 * the workers record it (EngineDecisions: decisionId, decisionVersion, decisionKey, inputs, output, matchedRules,
 * evaluatedDecisions), for the read side's tests without running a whole process.
 */
public final class RecordedDecisions {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private RecordedDecisions() {}

  /** @return the engine's output of the decision, as recorded */
  public static Object evaluateAndRecord(Timeline timeline, String caseId, String elementId, String decisionId,
      Map<String, Object> inputs) {
    EvaluateDecisionResponse response = IntegrationTest.zeebe().client().newEvaluateDecisionCommand()
        .decisionId(decisionId).variables(inputs).send().join();
    List<Map<String, Object>> parts = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionId", response.getDecisionId());
    details.put("decisionVersion", response.getDecisionVersion());
    details.put("decisionKey", response.getDecisionKey());
    details.put("inputs", inputs);
    details.put("output", parse(response.getDecisionOutput()));
    for (EvaluatedDecision evaluated : response.getEvaluatedDecisions()) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("decisionId", evaluated.getDecisionId());
      part.put("version", evaluated.getDecisionVersion());
      part.put("decisionKey", evaluated.getDecisionKey());
      part.put("matchedRules", evaluated.getMatchedRules().stream()
          .map(r -> Map.of("ruleId", r.getRuleId(), "ruleIndex", r.getRuleIndex())).toList());
      Map<String, Object> partInputs = new LinkedHashMap<>();
      evaluated.getEvaluatedInputs().forEach(i -> partInputs.put(i.getInputName(), parse(i.getInputValue())));
      part.put("inputs", partInputs);
      part.put("output", parse(evaluated.getDecisionOutput()));
      parts.add(part);
      if (evaluated.getDecisionId().equals(decisionId)) {
        details.put("matchedRules", part.get("matchedRules"));
      }
    }
    details.put("evaluatedDecisions", parts);
    timeline.record(caseId, TimelineKind.DECISION, elementId, "decide", "Decision " + decisionId, details);
    return details.get("output");
  }

  /** The facts {@code return-eligibility} receives (DecideReturnEligibilityWorker), for a customer without returns. */
  public static Map<String, Object> eligibilityInputs(String reason, int daysSinceDelivery, Boolean unopened) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("reason", reason);
    facts.put("promotion", null);
    facts.put("daysSinceDelivery", daysSinceDelivery);
    facts.put("unopened", unopened);
    facts.put("returnsInLast90Days", 0);
    // what the decision receives: the facts context of docs/decisions.md
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("facts", facts);
    return inputs;
  }

  private static Object parse(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalStateException("the engine answered a value that is not JSON: " + json, e);
    }
  }
}
