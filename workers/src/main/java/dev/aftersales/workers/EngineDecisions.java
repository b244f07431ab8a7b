package dev.aftersales.workers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Evaluates a DMN decision through the engine rather than in the worker, so the rules are the
 * deployed ones a process owner changed in the Modeler, and records in the timeline which version
 * decided, which rows matched and with which inputs.
 */
@Component
public class EngineDecisions {

  private final CamundaClient camunda;
  private final StepJournal journal;
  private final ObjectMapper json;

  public EngineDecisions(CamundaClient camunda, StepJournal journal, ObjectMapper json) {
    this.camunda = camunda;
    this.journal = journal;
    this.json = json;
  }

  /** The outcome of an evaluation: the decision's own output and each decision of its DRD that was evaluated. */
  public record Evaluation(String decisionId, int version, long decisionKey, Object output,
      Map<String, EvaluatedPart> parts) {

    /** The output of the evaluated decision {@code decisionId} (the decision itself or one it requires). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> outputOf(String decisionId) {
      EvaluatedPart part = parts.get(decisionId);
      if (part == null || !(part.output() instanceof Map<?, ?>)) {
        throw new IllegalStateException("decision " + decisionId + " was not evaluated to a context: " + part);
      }
      return (Map<String, Object>) part.output();
    }

    /** The output of the decision itself, when it is a context (several output columns). */
    public Map<String, Object> result() {
      return outputOf(decisionId);
    }
  }

  /** One evaluated decision: rows matched (id and index) and its inputs and output. */
  public record EvaluatedPart(String decisionId, int version, long decisionKey, List<MatchedRule> matchedRules,
      Map<String, Object> inputs, Object output) {}

  public record MatchedRule(String ruleId, int ruleIndex) {}

  public Evaluation evaluate(ActivatedJob job, String caseId, String decisionId, Map<String, Object> inputs) {
    EvaluateDecisionResponse response = camunda.newEvaluateDecisionCommand()
        .decisionId(decisionId)
        .variables(inputs)
        .send()
        .join();
    Map<String, EvaluatedPart> parts = new LinkedHashMap<>();
    for (EvaluatedDecision evaluated : response.getEvaluatedDecisions()) {
      parts.put(evaluated.getDecisionId(), part(evaluated));
    }
    Evaluation evaluation = new Evaluation(response.getDecisionId(), response.getDecisionVersion(),
        response.getDecisionKey(), parse(response.getDecisionOutput()), parts);
    record(job, caseId, inputs, evaluation);
    return evaluation;
  }

  private void record(ActivatedJob job, String caseId, Map<String, Object> inputs, Evaluation evaluation) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionId", evaluation.decisionId());
    details.put("decisionVersion", evaluation.version());
    details.put("decisionKey", evaluation.decisionKey());
    details.put("inputs", inputs);
    details.put("output", evaluation.output());
    details.put("matchedRules", evaluation.parts().get(evaluation.decisionId()) == null
        ? List.of() : evaluation.parts().get(evaluation.decisionId()).matchedRules());
    details.put("evaluatedDecisions", List.copyOf(evaluation.parts().values()));
    journal.decision(job, caseId,
        "Decision %s v%d: %s".formatted(evaluation.decisionId(), evaluation.version(), evaluation.output()), details);
  }

  private EvaluatedPart part(EvaluatedDecision evaluated) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    evaluated.getEvaluatedInputs().forEach(i -> inputs.put(i.getInputName(), parse(i.getInputValue())));
    List<MatchedRule> rules = evaluated.getMatchedRules().stream()
        .map(r -> new MatchedRule(r.getRuleId(), r.getRuleIndex()))
        .toList();
    return new EvaluatedPart(evaluated.getDecisionId(), evaluated.getDecisionVersion(), evaluated.getDecisionKey(),
        rules, inputs, parse(evaluated.getDecisionOutput()));
  }

  /** The engine hands outputs and input values over as JSON text. */
  private Object parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(value, Object.class);
    } catch (IOException e) {
      throw new IllegalStateException("the engine returned a decision value that is not JSON: " + value, e);
    }
  }
}
