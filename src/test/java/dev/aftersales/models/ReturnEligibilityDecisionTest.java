package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.DecisionEvaluations;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The return policy as a table of cases, evaluated by the real engine (DRD with return-window). */
class ReturnEligibilityDecisionTest {

  private static final Path DMN = Path.of("bpmn", "return-eligibility.dmn");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MATCHED_RULES = new ConcurrentSkipListSet<>();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile(DMN.toString()).send().join();
  }

  @AfterAll
  static void everyRuleIsCoveredAndEngineStopped() throws IOException {
    try {
      final Set<String> ruleIds = new TreeSet<>();
      Pattern.compile("<rule id=\"([^\"]+)\"")
          .matcher(Files.readString(DMN))
          .results()
          .forEach(m -> ruleIds.add(m.group(1)));
      assertThat(MATCHED_RULES).as("rules matched by the cases").containsAll(ruleIds);
    } finally {
      zeebe.close();
    }
  }

  @ParameterizedTest(
      name = "{0} promotion={1} day {2} unopened={3} returns={4} -> {5} ({8}, {9})")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # reason,  promotion, days, unopened, returns90 -> eligibility, coupon, window, window rule, eligibility rule
          NO_REASON, null,      0,    true,     0,  AUTO_APPROVE,    0,  7,  Rule_StandardWindow,  Rule_UnopenedNoReason
          NO_REASON, null,      7,    true,     0,  AUTO_APPROVE,    0,  7,  Rule_StandardWindow,  Rule_UnopenedNoReason
          NO_REASON, null,      8,    true,     0,  AUTO_REJECT,     10, 7,  Rule_StandardWindow,  Rule_WindowPassed
          NO_REASON, 618,       7,    true,     0,  AUTO_APPROVE,    0,  7,  Rule_StandardWindow,  Rule_UnopenedNoReason
          NO_REASON, 618,       8,    true,     0,  AUTO_REJECT,     10, 7,  Rule_StandardWindow,  Rule_WindowPassed
          NO_REASON, DOUBLE_11, 8,    true,     0,  AUTO_APPROVE,    0,  15, Rule_PromotionWindow, Rule_UnopenedNoReason
          NO_REASON, DOUBLE_11, 15,   true,     0,  AUTO_APPROVE,    0,  15, Rule_PromotionWindow, Rule_UnopenedNoReason
          NO_REASON, DOUBLE_11, 16,   true,     0,  AUTO_REJECT,     10, 15, Rule_PromotionWindow, Rule_WindowPassed
          QUALITY,   null,      0,    false,    0,  EVIDENCE_REVIEW, 0,  15, Rule_QualityWindow,   Rule_QualityProblem
          QUALITY,   null,      15,   null,     0,  EVIDENCE_REVIEW, 0,  15, Rule_QualityWindow,   Rule_QualityProblem
          QUALITY,   null,      16,   false,    0,  AUTO_REJECT,     10, 15, Rule_QualityWindow,   Rule_WindowPassed
          QUALITY,   DOUBLE_11, 15,   true,     0,  EVIDENCE_REVIEW, 0,  15, Rule_QualityWindow,   Rule_QualityProblem
          QUALITY,   DOUBLE_11, 16,   true,     0,  AUTO_REJECT,     10, 15, Rule_QualityWindow,   Rule_WindowPassed
          QUALITY,   null,      3,    true,     9,  EVIDENCE_REVIEW, 0,  15, Rule_QualityWindow,   Rule_QualityProblem
          NO_REASON, null,      3,    true,     5,  AUTO_APPROVE,    0,  7,  Rule_StandardWindow,  Rule_UnopenedNoReason
          NO_REASON, null,      3,    true,     6,  EVIDENCE_REVIEW, 0,  7,  Rule_StandardWindow,  Rule_FrequentReturner
          NO_REASON, null,      3,    false,    6,  EVIDENCE_REVIEW, 0,  7,  Rule_StandardWindow,  Rule_FrequentReturner
          NO_REASON, null,      9,    true,     6,  AUTO_REJECT,     10, 7,  Rule_StandardWindow,  Rule_WindowPassed
          NO_REASON, null,      3,    false,    0,  EVIDENCE_REVIEW, 0,  7,  Rule_StandardWindow,  Rule_OpenedNoReason
          NO_REASON, null,      3,    null,     0,  EVIDENCE_REVIEW, 0,  7,  Rule_StandardWindow,  Rule_OpenedNoReason
          NO_REASON, DOUBLE_11, 10,   false,    0,  EVIDENCE_REVIEW, 0,  15, Rule_PromotionWindow, Rule_OpenedNoReason
          NO_REASON, DOUBLE_11, 10,   null,     5,  EVIDENCE_REVIEW, 0,  15, Rule_PromotionWindow, Rule_OpenedNoReason
          """)
  void decidesEligibility(
      final String reason,
      final String promotion,
      final int daysSinceDelivery,
      final Boolean unopened,
      final int returnsInLast90Days,
      final String eligibility,
      final int couponAmount,
      final int windowDays,
      final String windowRule,
      final String eligibilityRule)
      throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("reason", reason);
    facts.put("promotion", promotion);
    facts.put("daysSinceDelivery", daysSinceDelivery);
    facts.put("unopened", unopened);
    facts.put("returnsInLast90Days", returnsInLast90Days);
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response =
        evaluate(ProcessIds.RETURN_ELIGIBILITY, variables);

    assertThat(response.getFailureMessage()).isNullOrEmpty();
    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("eligibility").asText()).isEqualTo(eligibility);
    assertThat(output.get("couponAmount").asInt()).isEqualTo(couponAmount);
    assertThat(output.get("rule").asText()).isNotBlank();

    final EvaluatedDecision window = evaluated(response, "return-window");
    assertThat(JSON.readTree(window.getDecisionOutput()).get("windowDays").asInt())
        .isEqualTo(windowDays);
    assertThat(window.getMatchedRules()).singleElement().extracting("ruleId").isEqualTo(windowRule);
    final EvaluatedDecision decision = evaluated(response, ProcessIds.RETURN_ELIGIBILITY);
    assertThat(decision.getMatchedRules())
        .first()
        .extracting("ruleId")
        .isEqualTo(eligibilityRule);
    MATCHED_RULES.add(windowRule);
    MATCHED_RULES.add(eligibilityRule);
  }

  @ParameterizedTest(name = "{0} promotion={1} -> window {2} days, promotion window {3}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          NO_REASON, null,      7,  false
          NO_REASON, 618,       7,  false
          NO_REASON, DOUBLE_11, 15, true
          QUALITY,   null,      15, false
          QUALITY,   DOUBLE_11, 15, false
          """)
  void decidesReturnWindow(
      final String reason,
      final String promotion,
      final int windowDays,
      final boolean promotionWindow)
      throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("reason", reason);
    facts.put("promotion", promotion);
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response = evaluate("return-window", variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("windowDays").asInt()).isEqualTo(windowDays);
    assertThat(output.get("promotionWindow").asBoolean()).isEqualTo(promotionWindow);
  }

  private static EvaluatedDecision evaluated(
      final EvaluateDecisionResponse response, final String decisionId) {
    return response.getEvaluatedDecisions().stream()
        .filter(d -> d.getDecisionId().equals(decisionId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("decision not evaluated: " + decisionId));
  }

  private static EvaluateDecisionResponse evaluate(final String decisionId, final Map<String, ?> variables) {
    return DecisionEvaluations.evaluate(zeebe, decisionId, variables);
  }
}
