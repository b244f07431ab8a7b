package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.DecisionEvaluations;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Does the customer keep a wrong item or send it back? The threshold as a table, on the real engine. */
class WrongItemHandlingDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/wrong-item-handling.dmn").send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0} CNY -> keep={1} ({2})")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # wrongItemValue, keepWrongItem, rule
          29.99,      true,  Rule_CheapWrongItemStays
          30.00,      true,  Rule_CheapWrongItemStays
          30.01,      false, Rule_WrongItemComesBack
          0,          true,  Rule_CheapWrongItemStays
          1000000.00, false, Rule_WrongItemComesBack
          null,       false, Rule_WrongItemComesBack
          """)
  void cheapWrongItemsStayWithTheCustomer(final BigDecimal value, final boolean keep, final String rule)
      throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("wrongItemValue", value); // null: the value is unknown (OMS has no price)
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response =
        DecisionEvaluations.evaluate(zeebe, ProcessIds.WRONG_ITEM_HANDLING, variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("keepWrongItem").asBoolean()).isEqualTo(keep);
    assertThat(output.get("rule").asText()).isNotBlank();
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules())
        .first()
        .extracting("ruleId")
        .isEqualTo(rule);
  }
}
