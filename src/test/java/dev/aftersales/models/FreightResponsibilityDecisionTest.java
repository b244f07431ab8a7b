package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.DecisionEvaluations;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who bears the return shipping (C the carrier's cost, P the insurer's payout) as a table on the real
 * engine: the merchant's fault credits C, insured or not; other reasons credit P when insured, else nothing.
 */
class FreightResponsibilityDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/freight-responsibility.dmn").send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0}, insured={1} -> credit {2}, borne by {3}")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # reason,     freightInsured, freightCredit, freightBorneBy, rule
          QUALITY,      true,  COST,   MERCHANT, Rule_MerchantFault
          WRONG_ITEM,   true,  COST,   MERCHANT, Rule_MerchantFault
          MISSING_ITEM, true,  COST,   MERCHANT, Rule_MerchantFault
          QUALITY,      false, COST,   MERCHANT, Rule_MerchantFault
          WRONG_ITEM,   false, COST,   MERCHANT, Rule_MerchantFault
          NO_REASON,    true,  PAYOUT, CUSTOMER, Rule_CustomerInsured
          NO_REASON,    false, NONE,   CUSTOMER, Rule_CustomerUninsured
          null,         false, NONE,   CUSTOMER, Rule_CustomerUninsured
          """)
  void theMerchantsFaultCreditsTheShippingCostOtherwiseThePayoutWhenInsured(final String reason,
      final boolean insured, final String credit, final String borneBy, final String rule) throws IOException {
    // the documented facts context (docs/decisions.md): the case's reason and its freight insurance
    final Map<String, Object> facts = new HashMap<>();
    facts.put("reason", reason);
    facts.put("statedReason", null);
    facts.put("freightInsurance", insured);
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response =

        DecisionEvaluations.evaluate(zeebe, ProcessIds.FREIGHT_RESPONSIBILITY, variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("freightCredit").asText()).isEqualTo(credit);
    assertThat(output.get("freightBorneBy").asText()).isEqualTo(borneBy);
    assertThat(output.get("rule").asText()).isNotBlank();
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules()).first().extracting("ruleId")
        .isEqualTo(rule);
  }
}
