package dev.aftersales.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.models.DeployedModels;
import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DecisionRequirements;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which decisions the application evaluates itself: those of its own deployment, by the keys the engine gave them,
 * and none that its DMN engine cannot read or evaluate (their caller asks the engine).
 */
class DeployedDecisionsTest {

  private static final long DRG_KEY = 2251799813685300L;
  private static final long ELIGIBILITY_KEY = 2251799813685301L;
  private static final long WINDOW_KEY = 2251799813685302L;

  @Test
  void theApplicationsOwnDecisionIsEvaluatedWithItsRequiredDecisionByTheKeysTheEngineGave() throws IOException {
    DeployedDecisions decisions = new DeployedDecisions(
        new DeployedModels(new PathMatchingResourcePatternResolver(), new ObjectMapper()));
    decisions.deployed(eligibilityDeployment("return-eligibility.dmn"));

    DeployedDecisions.Evaluated evaluated = decisions.evaluate(ELIGIBILITY_KEY, "return-eligibility", Map.of("facts",
        Map.of("reason", "NO_REASON", "daysSinceDelivery", 3, "unopened", true, "returnsInLast90Days", 0)))
        .orElseThrow();

    assertThat(evaluated.decision())
        .isEqualTo(new DeployedDecisions.Deployed("return-eligibility", ELIGIBILITY_KEY, 3));
    assertThat(evaluated.output()).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) evaluated.output()).get("eligibility")).isEqualTo("AUTO_APPROVE");
    assertThat(evaluated.parts()).extracting(DeployedDecisions.Part::decision).containsExactly(
        new DeployedDecisions.Deployed("return-window", WINDOW_KEY, 2),
        new DeployedDecisions.Deployed("return-eligibility", ELIGIBILITY_KEY, 3));
    assertThat(evaluated.parts().getLast().evaluated().matchedRules())
        .extracting(DmnScala.MatchedRule::ruleId).containsExactly("Rule_UnopenedNoReason");
    // a key under another id (an engine that was replaced), or one it never deployed: the engine is asked
    assertThat(decisions.evaluate(WINDOW_KEY, "return-eligibility", Map.of())).isEmpty();
    assertThat(decisions.evaluate(ELIGIBILITY_KEY + 100, "return-eligibility", Map.of())).isEmpty();
  }

  @Test
  void aDeploymentOfFilesTheApplicationDoesNotHoldIsLeftToTheEngine() throws IOException {
    DeployedDecisions decisions = new DeployedDecisions(
        new DeployedModels(new PathMatchingResourcePatternResolver(), new ObjectMapper()));
    decisions.deployed(eligibilityDeployment("policy-from-modeler.dmn"));

    assertThat(decisions.evaluate(ELIGIBILITY_KEY, "return-eligibility", Map.of())).isEmpty();
  }

  @Test
  void aFileThisDmnEngineCannotReadIsLeftToTheEngineWithoutStoppingTheApplication() {
    DeployedDecisions decisions = new DeployedDecisions(models("<definitions>not a decision</definitions>"));

    assertThatNoException().isThrownBy(() -> decisions.deployed(eligibilityDeployment("return-eligibility.dmn")));
    assertThat(decisions.evaluate(ELIGIBILITY_KEY, "return-eligibility", Map.of())).isEmpty();
  }

  @Test
  void anEvaluationThisDmnEngineFailsIsLeftToTheEngine() {
    // a UNIQUE table whose two rows both match: dmn-scala refuses the evaluation
    DeployedDecisions decisions = new DeployedDecisions(models("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Eligibility"
            name="Eligibility" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="return-eligibility" name="Return eligibility">
            <decisionTable id="DecisionTable_Eligibility" hitPolicy="UNIQUE">
              <input id="Input_Reason" label="Reason">
                <inputExpression id="InputExpression_Reason" typeRef="string"><text>facts.reason</text></inputExpression>
              </input>
              <output id="Output_Eligibility" name="eligibility" typeRef="string" />
              <rule id="Rule_A">
                <inputEntry id="InputEntry_A"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_A"><text>"AUTO_APPROVE"</text></outputEntry>
              </rule>
              <rule id="Rule_B">
                <inputEntry id="InputEntry_B"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_B"><text>"EVIDENCE_REVIEW"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """));
    decisions.deployed(eligibilityDeployment("return-eligibility.dmn"));

    assertThat(decisions.evaluate(ELIGIBILITY_KEY, "return-eligibility",
        Map.of("facts", Map.of("reason", "QUALITY")))).isEmpty();
  }

  /** The application's files, with {@code return-eligibility.dmn} holding {@code content}. */
  private static DeployedModels models(String content) {
    DeployedModels models = mock(DeployedModels.class);
    DeployedModels.Model file = new DeployedModels.Model("return-eligibility", "Return eligibility",
        "return-eligibility.dmn", content.getBytes(StandardCharsets.UTF_8));
    when(models.decisionFile("return-eligibility")).thenReturn(Optional.of(file));
    when(models.decisionFile("return-window")).thenReturn(Optional.of(file));
    return models;
  }

  /** What the engine answers for a deployment of the eligibility DRD (return-eligibility with return-window). */
  private static DeploymentEvent eligibilityDeployment(String resourceName) {
    DecisionRequirements drg = mock(DecisionRequirements.class);
    when(drg.getDecisionRequirementsKey()).thenReturn(DRG_KEY);
    when(drg.getResourceName()).thenReturn(resourceName);
    List<Decision> decisions = List.of(
        decision("return-window", WINDOW_KEY, 2), decision("return-eligibility", ELIGIBILITY_KEY, 3));
    DeploymentEvent deployment = mock(DeploymentEvent.class);
    when(deployment.getKey()).thenReturn(2251799813685299L);
    when(deployment.getDecisionRequirements()).thenReturn(List.of(drg));
    when(deployment.getDecisions()).thenReturn(decisions);
    return deployment;
  }

  private static Decision decision(String id, long key, int version) {
    Decision decision = mock(Decision.class);
    when(decision.getDmnDecisionId()).thenReturn(id);
    when(decision.getDecisionKey()).thenReturn(key);
    when(decision.getVersion()).thenReturn(version);
    when(decision.getDecisionRequirementsKey()).thenReturn(DRG_KEY);
    return decision;
  }
}
