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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the customer is offered when the item to ship is out of stock: waiting only with an arrival date and
 * fewer than two waits so far. As a table, on the real engine.
 */
class ReplacementOptionsDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/replacement-options.dmn").send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0}, arrival in {1} days, waited {2} -> {3}")
  @CsvSource(
      nullValues = "null",
      delimiter = '|',
      textBlock =
          """
          # caseType   | daysUntilArrival | timesWaited | contactOptions         | rule
          EXCHANGE     | 3                | null        | OTHER_VARIANT,REFUND,WAIT | Rule_ExchangeMayWait
          EXCHANGE     | 3                | 1           | OTHER_VARIANT,REFUND,WAIT | Rule_ExchangeMayWait
          EXCHANGE     | 3                | 2           | OTHER_VARIANT,REFUND   | Rule_ExchangeWaitedEnough
          EXCHANGE     | null             | null        | OTHER_VARIANT,REFUND   | Rule_ExchangeNoArrivalDate
          WRONG_ITEM   | 2                | null        | WAIT,REFUND            | Rule_ReshipMayWait
          MISSING_ITEM | 2                | 2           | REFUND                 | Rule_ReshipWaitedEnough
          MISSING_ITEM | null             | 0           | REFUND                 | Rule_ReshipNoArrivalDate
          """)
  void waitingIsOfferedOnlyWithAnArrivalDateAndFewerThanTwoWaits(final String caseType, final Long days,
      final Integer waited, final String options, final String rule) throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", caseType);
    facts.put("daysUntilArrival", days);
    facts.put("timesWaited", waited);

    final EvaluateDecisionResponse response =

        DecisionEvaluations.evaluate(zeebe, ProcessIds.REPLACEMENT_OPTIONS, Map.of("facts", facts));

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    final List<String> offered = new ArrayList<>();
    output.get("contactOptions").forEach(o -> offered.add(o.asText()));
    assertThat(offered).containsExactly(options.split(","));
    assertThat(output.get("rule").asText()).isNotBlank();
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules()).first().extracting("ruleId")
        .isEqualTo(rule);
  }
}
