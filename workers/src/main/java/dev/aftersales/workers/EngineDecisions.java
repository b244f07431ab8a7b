package dev.aftersales.workers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.decisions.DeployedDecisions;
import dev.aftersales.process.DecisionBindings;
import dev.aftersales.process.DecisionBindings.BoundDecision;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.decision.DecisionContext;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decisions through the engine, in the version deployed with the process ({@link DecisionBindings}),
 * and their record in the timeline: which version decided, which rows matched, with which inputs.
 *
 * <p>Business rule tasks are evaluated by the engine itself ({@code zeebe:calledDecision},
 * {@code bindingType="deployment"}), so Operate links the evaluation to the instance. The engine hands a
 * job only the result, so {@link #record} evaluates the same decision again with the same facts to learn the
 * matched rules: in the application on the file it deployed ({@link DeployedDecisions}), or through the engine by
 * the bound key when the decision is not one of the application's own files (docs/decisions.md: cost and why).
 * A decision a worker applies itself ({@link #evaluate}) is evaluated by the engine, by the bound key: its answer
 * decides what the case does. Both give the worker a {@link DecisionOutcome}: the row's columns, or "no rule
 * matched" with what the product does instead, recorded the same way for every decision.
 */
@Component
public class EngineDecisions {

  private static final Logger LOG = LoggerFactory.getLogger(EngineDecisions.class);

  private final CamundaClient camunda;
  private final DecisionBindings bindings;
  private final DeployedDecisions deployed;
  private final StepJournal journal;
  private final ObjectMapper json;
  private final MeterRegistry registry;

  public EngineDecisions(CamundaClient camunda, DecisionBindings bindings, DeployedDecisions deployed,
      StepJournal journal, ObjectMapper json, MeterRegistry registry) {
    this.camunda = camunda;
    this.bindings = bindings;
    this.deployed = deployed;
    this.journal = journal;
    this.json = json;
    this.registry = registry;
  }

  /**
   * The outcome of an evaluation: the decision's own output and each decision of its DRD that was evaluated.
   *
   * @param binding {@code deployment} (the version deployed with the process) or {@code latest} (the process
   *     was not deployed by this application: the latest version, noted as such)
   * @param evaluatedIn {@code application} (the application's DMN engine on the file it deployed) or
   *     {@code engine}
   */
  public record Evaluation(String decisionId, int version, long decisionKey, Object output,
      Map<String, EvaluatedPart> parts, String binding, String evaluatedIn) {

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

    /** {@code shortage-handling v2 Rule_WithinWindow}: which version and row decided, as the case view shows it. */
    public String decidedBy() {
      return "%s v%d %s".formatted(decisionId, version, matchedRuleId() == null ? "no rule" : matchedRuleId());
    }

    /** The first rule of the decision itself that matched; null when none did. */
    public String matchedRuleId() {
      EvaluatedPart part = parts.get(decisionId);
      return part == null || part.matchedRules().isEmpty() ? null : part.matchedRules().getFirst().ruleId();
    }
  }

  /** One evaluated decision: rows matched (id and index) and its inputs and output. */
  public record EvaluatedPart(String decisionId, int version, long decisionKey, List<MatchedRule> matchedRules,
      Map<String, Object> inputs, Object output) {}

  public record MatchedRule(String ruleId, int ruleIndex) {}

  /**
   * A decision a worker applies itself: evaluates the version bound to the job's process with these variables and
   * records it (one timeline entry per evaluation).
   *
   * @param ifNoRule what the product does when no row matches (recorded as "No rule decided: …")
   */
  public DecisionOutcome evaluate(ActivatedJob job, String caseId, String decisionId, Map<String, Object> variables,
      String ifNoRule) {
    Evaluation evaluation = evaluateBound(job, bound(job, decisionId), decisionId, variables);
    DecisionOutcome outcome = outcome(evaluation, evaluation.output(), ifNoRule);
    record(job, caseId, variables, outcome, evaluation.output(), null);
    return outcome;
  }

  /**
   * The end listener of a business rule task: records the evaluation the engine made there (once, however often
   * the job is redelivered). {@code engineOutput} is the task's result variable, which the process routed on, and
   * {@code facts} what the decision read.
   *
   * @param ifNoRule what the process does when no row matches (the gateway's default flow; recorded as "No rule
   *     decided: …")
   */
  public DecisionOutcome record(ActivatedJob job, String caseId, String decisionId, Map<String, Object> facts,
      Object engineOutput, String ifNoRule) {
    Map<String, Object> variables = Map.of(DecisionContext.FACTS, facts);
    Optional<BoundDecision> bound = bound(job, decisionId);
    Evaluation again = bound.flatMap(b -> deployed.evaluate(b.decisionKey(), decisionId, variables))
        .map(EngineDecisions::evaluation)
        .orElseGet(() -> evaluateBound(job, bound, decisionId, variables));
    boolean same = Objects.equals(normalized(again.output()), normalized(engineOutput));
    // operators see how often the cluster is still asked (a fallback) and any disagreement with the engine
    Counter.builder("aftersales.decisions.rows-matched")
        .description("A business rule task's decision evaluated again for its matched rows, by where and whether "
            + "its output agreed with the engine's")
        .tag("decision", decisionId).tag("by", again.evaluatedIn()).tag("agrees", String.valueOf(same))
        .register(registry).increment();
    if (!same) {
      // the decision read a variable outside the facts, or the two DMN engines disagree: the engine's result is
      // what the process routed on
      LOG.warn("decision {} v{} gave {} at {}, but {} evaluated again on the facts", decisionId, again.version(),
          engineOutput, job.getElementId(), again.output());
    }
    DecisionOutcome outcome = outcome(again, engineOutput, ifNoRule);
    record(job, caseId, variables, outcome, engineOutput, same);
    return outcome;
  }

  /** Every decision's outputs are a context (several columns); anything else (null) means no row matched. */
  @SuppressWarnings("unchecked")
  private static DecisionOutcome outcome(Evaluation evaluation, Object output, String ifNoRule) {
    if (output instanceof Map<?, ?> columns) {
      return new DecisionOutcome.Decided(evaluation,
          new DecisionResult(evaluation.decisionId(), (Map<String, Object>) columns));
    }
    return new DecisionOutcome.NoRuleMatched(evaluation, DecisionOutcome.noRule(ifNoRule));
  }

  /** The version of the decision deployed with the job's process ({@link DecisionBindings}). */
  private Optional<BoundDecision> bound(ActivatedJob job, String decisionId) {
    return bindings.find(job.getProcessDefinitionKey(), job.getBpmnProcessId(), job.getProcessDefinitionVersion(),
        decisionId);
  }

  /** The rows matched in the application, on the file it deployed ({@link DeployedDecisions}). */
  private static Evaluation evaluation(DeployedDecisions.Evaluated evaluated) {
    Map<String, EvaluatedPart> parts = new LinkedHashMap<>();
    for (DeployedDecisions.Part part : evaluated.parts()) {
      parts.put(part.decision().decisionId(), new EvaluatedPart(part.decision().decisionId(),
          part.decision().version(), part.decision().decisionKey(),
          part.evaluated().matchedRules().stream().map(r -> new MatchedRule(r.ruleId(), r.ruleIndex())).toList(),
          part.evaluated().inputs(), part.evaluated().output()));
    }
    DeployedDecisions.Deployed decision = evaluated.decision();
    return new Evaluation(decision.decisionId(), decision.version(), decision.decisionKey(), evaluated.output(), parts,
        "deployment", "application");
  }

  /** Through the engine, by the bound key; the latest version when the process has no binding. */
  private Evaluation evaluateBound(ActivatedJob job, Optional<BoundDecision> bound, String decisionId,
      Map<String, Object> variables) {
    if (bound.isPresent()) {
      EvaluateDecisionResponse response = camunda.newEvaluateDecisionCommand()
          .decisionKey(bound.get().decisionKey()).variables(variables).send().join();
      if (decisionId.equals(response.getDecisionId())) {
        return evaluation(response, "deployment");
      }
      // a binding from an engine that was replaced (a fresh local engine, the same keys): never trust it
      LOG.warn("decision key {} bound to {} v{} is {} in this engine; evaluating the latest {}",
          bound.get().decisionKey(), job.getBpmnProcessId(), job.getProcessDefinitionVersion(),
          response.getDecisionId(), decisionId);
    }
    return evaluation(camunda.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join(),
        "latest");
  }

  private Evaluation evaluation(EvaluateDecisionResponse response, String binding) {
    Map<String, EvaluatedPart> parts = new LinkedHashMap<>();
    for (EvaluatedDecision evaluated : response.getEvaluatedDecisions()) {
      parts.put(evaluated.getDecisionId(), part(evaluated));
    }
    return new Evaluation(response.getDecisionId(), response.getDecisionVersion(), response.getDecisionKey(),
        parse(response.getDecisionOutput()), parts, binding, "engine");
  }

  private void record(ActivatedJob job, String caseId, Map<String, Object> variables, DecisionOutcome outcome,
      Object output, Boolean outputMatchesEngine) {
    Evaluation evaluation = outcome.evaluation();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionId", evaluation.decisionId());
    details.put("decisionVersion", evaluation.version());
    details.put("decisionKey", evaluation.decisionKey());
    details.put("inputs", variables);
    details.put("output", output);
    EvaluatedPart own = evaluation.parts().get(evaluation.decisionId());
    details.put("matchedRules", own == null ? List.of() : own.matchedRules());
    details.put("evaluatedDecisions", List.copyOf(evaluation.parts().values()));
    details.put("elementId", job.getElementId());
    details.put("processDefinitionKey", job.getProcessDefinitionKey());
    details.put("binding", evaluation.binding());
    if (outputMatchesEngine != null) {
      details.put("evaluatedBy", "business-rule-task");
      details.put("rulesMatchedBy", evaluation.evaluatedIn());
      details.put("outputMatchesEngine", outputMatchesEngine);
    }
    Object said = output;
    if (outcome instanceof DecisionOutcome.NoRuleMatched none) {
      details.put("noRule", none.rule());
      said = none.rule();
    }
    String summary = "Decision %s v%d: %s".formatted(evaluation.decisionId(), evaluation.version(), said);
    if (outputMatchesEngine == null) {
      journal.decision(job, caseId, summary, details); // a worker's evaluation per item: one entry each
    } else {
      journal.recordOnce(job, caseId, TimelineKind.DECISION, summary, details); // once, however often redelivered
    }
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

  /** As JSON numbers compare: 0.90 and 0.9, 10 and 10.0 are the same output. */
  private JsonNode normalized(Object value) {
    try {
      return json.readTree(json.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("a decision output that is not JSON: " + value, e);
    }
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
