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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Priority, SLA and escalation of a human task (docs/task-priority.md) as a table, on the real engine:
 * urgent cases first, then VIP customers (2 h instead of 24 h), then each task kind.
 */
class TaskPriorityDecisionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void deploy() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceFile("bpmn/task-priority.dmn")
        .requestTimeout(Duration.ofSeconds(60)).send().join();
  }

  @AfterAll
  static void stop() {
    zeebe.close();
  }

  @ParameterizedTest(name = "{0} {1} urgent={2} reason={3} -> priority {4}, {5} h ({6})")
  @CsvSource(
      nullValues = "null",
      textBlock =
          """
          # taskKind,            customerTier, urgent, reason,    priority, slaHours, rule
          barcode-mismatch,      VIP2,         true,   QUALITY,   100,      2,        Rule_UrgentVip
          barcode-mismatch,      NORMAL,       true,   QUALITY,   100,      6,        Rule_Urgent
          refund-deduction,      null,         true,   QUALITY,   100,      6,        Rule_Urgent
          evidence-review,       VIP1,         false,  NO_REASON, 90,       2,        Rule_Vip
          manual-refund,         VIP3,         false,  null,      90,       2,        Rule_Vip
          evidence-review,       NORMAL,       false,  QUALITY,   80,       24,       Rule_QualityEvidenceReview
          evidence-review,       NORMAL,       false,  NO_REASON, 50,       24,       Rule_EvidenceReview
          mis-sent-claim-review, NORMAL,       false,  null,      60,       24,       Rule_MisSentClaimReview
          disputed-pick-review,  NORMAL,       false,  null,      50,       24,       Rule_DisputedPickReview
          barcode-mismatch,      NORMAL,       false,  NO_REASON, 60,       24,       Rule_BarcodeMismatch
          refund-deduction,      NORMAL,       false,  NO_REASON, 50,       24,       Rule_RefundDeduction
          manual-refund,         NORMAL,       false,  null,      80,       24,       Rule_ManualRefund
          customer-contact,      NORMAL,       false,  null,      60,       24,       Rule_ShortageContact
          replacement-contact,   null,         false,  null,      60,       24,       Rule_ReplacementContact
          late-parcel,           NORMAL,       false,  null,      60,       24,       Rule_LateParcel
          some-new-task,         NORMAL,       false,  null,      50,       24,       Rule_OtherTask
          """)
  void urgentAndVipTasksComeFirst(String taskKind, String tier, boolean urgent, String reason, int priority,
      BigDecimal slaHours, String rule) throws IOException {
    // the documented facts context (docs/decisions.md) and the task's kind beside it
    Map<String, Object> facts = new HashMap<>();
    facts.put("customerTier", tier);
    facts.put("urgent", urgent);
    facts.put("orderAmount", new BigDecimal("248.00"));
    facts.put("channel", "TMALL");
    facts.put("reason", reason);

    EvaluateDecisionResponse response =

        DecisionEvaluations.evaluate(zeebe, ProcessIds.TASK_PRIORITY, Map.of("taskKind", taskKind, "facts", facts));

    JsonNode output = JSON.readTree(response.getDecisionOutput());
    assertThat(output.get("priority").asInt()).isEqualTo(priority);
    assertThat(output.get("slaHours").decimalValue()).isEqualByComparingTo(slaHours);
    assertThat(output.get("escalatedPriority").asInt()).isEqualTo(100);
    assertThat(output.get("supervisorGroup").asText()).isEqualTo("supervisors");
    assertThat(output.get("managerGroup").asText()).isEqualTo("managers");
    assertThat(response.getEvaluatedDecisions().getFirst().getMatchedRules())
        .first().extracting("ruleId").isEqualTo(rule);
  }
}
