package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.decisions.DmnScala;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A decision of {@code bpmn/} evaluated by the test engine and, on the same file, by the application's DMN engine
 * ({@link DmnScala}, as {@code DeployedDecisions} uses it for a business rule task's record): every evaluation of the
 * decision tables' tests proves that both say the same, in the same JSON: which decisions of the DRD were
 * evaluated, with which inputs, which rows matched (id and index) and what each gave.
 */
public final class DecisionEvaluations {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private DecisionEvaluations() {}

  /** @return the engine's answer, after asserting that the application's DMN engine gives the same */
  public static EvaluateDecisionResponse evaluate(ProcessTestEngine zeebe, String decisionId,
      Map<String, ?> variables) {
    EvaluateDecisionResponse engine = zeebe.client().newEvaluateDecisionCommand()
        .decisionId(decisionId).variables(variables).send().join();
    @SuppressWarnings("unchecked")
    DmnScala.Result application = DmnScala.evaluate(DmnScala.parse(file(decisionId)), decisionId,
        (Map<String, Object>) variables);
    assertThat(json(shape(application)))
        .as("the application's evaluation of %s on %s", decisionId, variables)
        .isEqualTo(json(shape(engine)));
    return engine;
  }

  private static Map<String, Object> shape(EvaluateDecisionResponse response) {
    List<Object> parts = new ArrayList<>();
    for (EvaluatedDecision evaluated : response.getEvaluatedDecisions()) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      evaluated.getEvaluatedInputs().forEach(i -> inputs.put(i.getInputName(), parse(i.getInputValue())));
      parts.add(part(evaluated.getDecisionId(),
          evaluated.getMatchedRules().stream().map(r -> List.<Object>of(r.getRuleId(), r.getRuleIndex())).toList(),
          inputs, parse(evaluated.getDecisionOutput())));
    }
    return part("decision", List.of(), Map.of(), parse(response.getDecisionOutput()), parts);
  }

  private static Map<String, Object> shape(DmnScala.Result result) {
    List<Object> parts = new ArrayList<>();
    for (DmnScala.EvaluatedPart part : result.parts()) {
      parts.add(part(part.decisionId(),
          part.matchedRules().stream().map(r -> List.<Object>of(r.ruleId(), r.ruleIndex())).toList(),
          part.inputs(), part.output()));
    }
    return part("decision", List.of(), Map.of(), result.output(), parts);
  }

  private static Map<String, Object> part(String decisionId, List<List<Object>> rules, Map<String, Object> inputs,
      Object output) {
    return part(decisionId, rules, inputs, output, List.of());
  }

  private static Map<String, Object> part(String decisionId, List<List<Object>> rules, Map<String, Object> inputs,
      Object output, List<Object> parts) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("decisionId", decisionId);
    part.put("matchedRules", rules);
    part.put("inputs", inputs);
    part.put("output", output);
    if (!parts.isEmpty()) {
      part.put("parts", parts);
    }
    return part;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object parse(String value) {
    try {
      return value == null ? null : JSON.readValue(value, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of {@code bpmn/} that holds the decision (a required decision lives in its DRD's file). */
  private static byte[] file(String decisionId) {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path dmn : files.filter(p -> p.toString().endsWith(".dmn")).sorted().toList()) {
        byte[] content = Files.readAllBytes(dmn);
        if (new String(content, StandardCharsets.UTF_8).contains("<decision id=\"" + decisionId + "\"")) {
          return content;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no DMN file under bpmn/ holds decision " + decisionId);
  }
}
