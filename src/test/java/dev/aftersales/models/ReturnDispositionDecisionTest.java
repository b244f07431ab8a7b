package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.DecisionEvaluations;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a graded returned item goes, evaluated by the real engine. */
class ReturnDispositionDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe
        .client()
        .newDeployResourceCommand()
        .addResourceFile("bpmn/return-disposition.dmn")
        .send()
        .join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0} -> {1} at {2}% off ({3})")
  @CsvSource(
      textBlock =
          """
          # grade,      disposition, discountPercent, rule
          NEW,          SELLABLE,    0,  Rule_GradeNew
          LIGHTLY_USED, SECOND_HAND, 30, Rule_GradeLightlyUsed
          DAMAGED,      SCRAP,       0,  Rule_GradeDamaged
          """)
  void disposesByGrade(
      final String grade, final String disposition, final int discountPercent, final String rule)
      throws IOException {
    final EvaluateDecisionResponse response =
        evaluate(ProcessIds.RETURN_DISPOSITION, Map.of("item", Map.of("grade", grade)));

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("disposition").asText()).isEqualTo(disposition);
    assertThat(output.get("discountPercent").asInt()).isEqualTo(discountPercent);
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules())
        .singleElement()
        .extracting("ruleId")
        .isEqualTo(rule);
  }

  @Test
  void unknownGradeHasNoDisposition() throws IOException {
    // No rule matches: the worker must treat this as a technical failure, never restock silently.
    final EvaluateDecisionResponse response =
        evaluate(ProcessIds.RETURN_DISPOSITION, Map.of("item", Map.of("grade", "UNKNOWN")));

    assertThat(JSON.readTree(response.getDecisionOutput()).isNull()).isTrue();
  }

  private static EvaluateDecisionResponse evaluate(final String decisionId, final Map<String, ?> variables) {
    return DecisionEvaluations.evaluate(zeebe, decisionId, variables);
  }
}
