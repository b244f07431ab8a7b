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

/**
 * How each exception order is handled, in which queue and within which SLA: the exception-handling rules as
 * a table, on the real engine (docs/exception-orders-process.md). The COD limit (1,000 CNY), the parcel
 * limit (3), the payment deadline (24 h), the address confidence and the premium carrier limit are rows here,
 * and a VIP's incomplete address must be resolved within 2 hours instead of 4 (VIP first).
 */
class ExceptionHandlingDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/exception-handling.dmn").send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0} {11}, {1} CNY, {2} parcels -> {3} {4} {5} sla={6}h ({10})")
  @CsvSource(
      nullValues = "null",
      delimiter = '|',
      textBlock =
          """
          # type              | amount  | parcels | handling          | reviewKind       | queue            | sla  | deadline | minConfidence | premiumFrom | rule                      | tier
          ADDRESS_INCOMPLETE   | 199.00  | null    | COMPLETE_ADDRESS  | ADDRESS_CONTACT  | customer-service | 4    | null     | 0.8           | null        | Rule_AddressIncomplete    | NORMAL
          ADDRESS_INCOMPLETE   | 199.00  | null    | COMPLETE_ADDRESS  | ADDRESS_CONTACT  | customer-service | 2    | null     | 0.8           | null        | Rule_VipAddressIncomplete | VIP2
          ADDRESS_INCOMPLETE   | 199.00  | null    | COMPLETE_ADDRESS  | ADDRESS_CONTACT  | customer-service | 4    | null     | 0.8           | null        | Rule_AddressIncomplete    | null
          PAYMENT_FAILED       | 199.00  | null    | REQUEST_PAYMENT   | null             | customer-service | 26   | 24       | null          | null        | Rule_PaymentFailed | NORMAL
          BLACKLISTED_CUSTOMER | 99.00   | null    | RISK_REVIEW       | RISK_REVIEW      | risk-team        | 4    | null     | null          | null        | Rule_BlacklistedCustomer | NORMAL
          CASH_ON_DELIVERY     | 1000.01 | null    | AGENT_REVIEW      | COD_CONFIRMATION | customer-service | 2    | null     | null          | null        | Rule_CashOnDeliveryAboveLimit | NORMAL
          CASH_ON_DELIVERY     | 1000.00 | null    | RELEASE           | null             | null             | 1    | null     | null          | null        | Rule_CashOnDeliveryWithinLimit | NORMAL
          CASH_ON_DELIVERY     | 80.00   | null    | RELEASE           | null             | null             | 1    | null     | null          | null        | Rule_CashOnDeliveryWithinLimit | NORMAL
          TOO_MANY_PARCELS     | 500.00  | 4       | AGENT_REVIEW      | PARCEL_SPLIT     | warehouse-team   | 4    | null     | null          | null        | Rule_TooManyParcels | NORMAL
          TOO_MANY_PARCELS     | 500.00  | 3       | RELEASE           | null             | null             | 1    | null     | null          | null        | Rule_FewParcels | NORMAL
          CARRIER_OUT_OF_AREA  | 2500.00 | null    | SWITCH_CARRIER    | CARRIER_CHOICE   | warehouse-team   | 2    | null     | null          | 2000        | Rule_CarrierOutOfArea | NORMAL
          OUT_OF_STOCK         | 99.00   | null    | OUT_OF_STOCK_FLOW | null             | null             | null | null     | null          | null        | Rule_OutOfStock | NORMAL
          SOMETHING_NEW        | 99.00   | null    | AGENT_REVIEW      | EXCEPTION_REVIEW | customer-service | 4    | null     | null          | null        | Rule_AnyOtherException | NORMAL
          """)
  void decidesHowTheExceptionOrderIsHandled(final String type, final BigDecimal amount, final Integer parcels,
      final String handling, final String reviewKind, final String queue, final Integer sla, final Integer deadline,
      final BigDecimal minConfidence, final BigDecimal premiumFrom, final String rule, final String tier)
      throws IOException {
    // the facts context every decision receives (docs/decisions.md); the ones this decision reads
    final Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", "ORDER_EXCEPTION");
    facts.put("exceptionType", type);
    facts.put("orderAmount", amount);
    facts.put("parcels", parcels);
    facts.put("channel", "TMALL");
    facts.put("customerTier", tier);
    final Map<String, Object> variables = Map.of("facts", facts);

    final EvaluateDecisionResponse response =
        DecisionEvaluations.evaluate(zeebe, ProcessIds.EXCEPTION_HANDLING, variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(text(output, "handling")).isEqualTo(handling);
    assertThat(text(output, "reviewKind")).isEqualTo(reviewKind);
    assertThat(text(output, "candidateGroup")).isEqualTo(queue);
    assertThat(number(output, "exceptionSlaHours")).isEqualTo(sla == null ? null : String.valueOf(sla));
    assertThat(number(output, "paymentDeadlineHours")).isEqualTo(deadline == null ? null : String.valueOf(deadline));
    assertThat(number(output, "minAddressConfidence")).isEqualTo(plain(minConfidence));
    assertThat(number(output, "premiumCarrierFrom")).isEqualTo(plain(premiumFrom));
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules())
        .first()
        .extracting("ruleId")
        .isEqualTo(rule);
  }

  private static String text(final JsonNode output, final String name) {
    return output.get(name).isNull() ? null : output.get(name).asText();
  }

  /** A number as written in the table: 2000, 0.8 (the engine may hand 2000 over as 2E+3). */
  private static String number(final JsonNode output, final String name) {
    return output.get(name).isNull() ? null : output.get(name).decimalValue().stripTrailingZeros().toPlainString();
  }

  private static String plain(final BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros().toPlainString();
  }
}
