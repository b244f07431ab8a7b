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
 * Why the goods come back, from the channel's stated reason or the customer's words, as a table on the
 * real engine: negations and size words win over generic words such as 不符.
 */
class ReasonClassificationDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/reason-classification.dmn")
        .requestTimeout(java.time.Duration.ofSeconds(60)).send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "stated {0}, \"{1}\" / \"{2}\" -> {3} ({5})")
  @CsvSource(
      nullValues = "null",
      delimiter = '|',
      textBlock =
          """
          # statedReason | description         | ocrText           | reason    | queue          | rule
          QUALITY        | 尺码不符              | null              | QUALITY   | qc-team        | Rule_StatedQuality
          NO_REASON      | 屏幕破损               | null              | NO_REASON | warehouse-team | Rule_StatedNoReason
          null           | 尺码不符              | null              | NO_REASON | warehouse-team | Rule_SizeOrTaste
          null           | 与描述不符             | null              | QUALITY   | qc-team        | Rule_DamageWords
          null           | 收到就破损了            | null              | QUALITY   | qc-team        | Rule_DamageWords
          null           | null                 | 外壳有裂纹          | QUALITY   | qc-team        | Rule_DamageWords
          null           | 没有质量问题，就是不喜欢   | null              | NO_REASON | warehouse-team | Rule_NoQualityProblem
          null           | The screen is Broken  | null              | QUALITY   | qc-team        | Rule_DamageWords
          null           | Too small for me      | null              | NO_REASON | warehouse-team | Rule_SizeOrTaste
          null           | 颜色不符              | null              | NO_REASON | warehouse-team | Rule_SizeOrTaste
          null           | 质量一般               | null              | QUALITY   | qc-team        | Rule_GenericQualityWords
          null           | 不想等了               | null              | NO_REASON | warehouse-team | Rule_OtherText
          null           | null                 | null              | NO_REASON | warehouse-team | Rule_NoText
          """)
  void classifiesTheReasonAndItsQueue(final String stated, final String description, final String ocrText,
      final String reason, final String queue, final String rule) throws IOException {
    final Map<String, Object> facts = new HashMap<>();
    facts.put("statedReason", stated);
    facts.put("description", description);
    facts.put("ocrText", ocrText);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("facts", facts);

    final EvaluateDecisionResponse response =

        DecisionEvaluations.evaluate(zeebe, ProcessIds.REASON_CLASSIFICATION, variables);

    final JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("reason").asText()).isEqualTo(reason);
    assertThat(output.get("queue").asText()).isEqualTo(queue);
    assertThat(output.get("source").asText()).isEqualTo(stated == null ? "CLASSIFIER" : "CHANNEL");
    assertThat(output.get("confidence").isNull()).isEqualTo(stated != null);
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules()).first()
        .extracting("ruleId").isEqualTo(rule);
  }
}
