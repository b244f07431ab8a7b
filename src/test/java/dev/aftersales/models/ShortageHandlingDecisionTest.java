package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.DecisionEvaluations;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ship now, wait, or ask the customer, and what is offered then: the shortage-handling rules as a
 * table, on the real engine (docs/out-of-stock-process.md, "The flow", step 2).
 */
class ShortageHandlingDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/shortage-handling.dmn").send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "inStock={0}, days={1}, bundle={2} -> {3} {4} gift={5} ({6})")
  @CsvSource(
      nullValues = "null",
      delimiter = '|',
      textBlock =
          """
          # inStock | daysUntilArrival | bundleComponent | shortageHandling | contactOptions | giftSku | rule
          true  | null | false | SHIP_NOW         | null                 | null               | Rule_InStockShipsNow
          true  | 30   | true  | SHIP_NOW         | null                 | null               | Rule_InStockShipsNow
          true  | 0    | false | SHIP_NOW         | null                 | null               | Rule_InStockShipsNow
          false | 0    | false | WAIT_FOR_STOCK   | CANCEL,WAIT,SUBSTITUTE | null             | Rule_ArrivesInTime
          false | 3    | false | WAIT_FOR_STOCK   | CANCEL,WAIT,SUBSTITUTE | null             | Rule_ArrivesInTime
          false | 3    | null  | WAIT_FOR_STOCK   | CANCEL,WAIT,SUBSTITUTE | null             | Rule_ArrivesInTime
          false | 4    | false | CONTACT_CUSTOMER | CANCEL,WAIT,SUBSTITUTE | null             | Rule_AskCustomer
          false | null | false | CONTACT_CUSTOMER | CANCEL,WAIT,SUBSTITUTE | null             | Rule_AskCustomer
          false | 3    | true  | WAIT_FOR_STOCK   | SUBSTITUTE,WAIT,CANCEL | GIFT-APOLOGY-POUCH | Rule_BundleComponentArrivesInTime
          false | 4    | true  | CONTACT_CUSTOMER | SUBSTITUTE,WAIT,CANCEL | GIFT-APOLOGY-POUCH | Rule_BundleComponentMissing
          false | null | true  | CONTACT_CUSTOMER | SUBSTITUTE,WAIT,CANCEL | GIFT-APOLOGY-POUCH | Rule_BundleComponentMissing
          """)
  void decidesHowTheShortageIsHandled(final Boolean inStock, final Integer daysUntilArrival,
      final Boolean bundleComponent, final String handling, final String options, final String giftSku,
      final String rule) throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("inStock", inStock);
    facts.put("daysUntilArrival", daysUntilArrival); // null: the warehouse has no arrival date
    facts.put("bundleComponent", bundleComponent);
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response =
        DecisionEvaluations.evaluate(zeebe, ProcessIds.SHORTAGE_HANDLING, variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("shortageHandling").asText()).isEqualTo(handling);
    assertThat(strings(output.get("contactOptions")))
        .isEqualTo(options == null ? null : Arrays.asList(options.split(",")));
    assertThat(output.get("giftSku").isNull() ? null : output.get("giftSku").asText()).isEqualTo(giftSku);
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules())
        .first()
        .extracting("ruleId")
        .isEqualTo(rule);
  }

  private static List<String> strings(final JsonNode list) {
    if (list.isNull()) {
      return null;
    }
    final List<String> values = new ArrayList<>();
    list.forEach(value -> values.add(value.asText()));
    return values;
  }
}
