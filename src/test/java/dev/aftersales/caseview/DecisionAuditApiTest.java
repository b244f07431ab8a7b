package dev.aftersales.caseview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.RecordedDecisions;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.workers.TestCases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/after-sales/cases/{caseId}/decisions}: one call answers why a case was decided — the engine's
 * evaluation of the deployed DMN as the timeline recorded it, with the matched rows' numbers and annotations.
 */
class DecisionAuditApiTest extends ApiTest {

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;

  @Test
  void aRejectedReturnShowsTheWindowPassedRowItsAnnotationAndTheWindowDecisionItRequired() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    timeline.record(c.getId(), TimelineKind.STATUS, null, "TMALL", "Case opened", Map.of());
    RecordedDecisions.evaluateAndRecord(timeline, c.getId(), "BusinessRuleTask_DecideReturnEligibility",
        "return-eligibility", RecordedDecisions.eligibilityInputs("NO_REASON", 10, true));

    Answer answer = get(TestUser.AUDITOR, ApiPaths.CASES + "/" + c.getId() + "/decisions");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).as("only DECISION entries").hasSize(1);
    JsonNode decision = answer.body().get(0);
    assertThat(decision.path("decisionId").asText()).isEqualTo("return-eligibility");
    assertThat(decision.path("decisionName").asText()).isEqualTo("Return eligibility");
    assertThat(decision.path("decisionVersion").asInt()).isPositive();
    assertThat(decision.path("decisionKey").asLong()).isPositive();
    assertThat(decision.path("elementId").asText()).isEqualTo("BusinessRuleTask_DecideReturnEligibility");
    assertThat(decision.path("time").asText()).isNotBlank();
    assertThat(decision.path("inputs").path("facts").path("daysSinceDelivery").asInt()).isEqualTo(10);
    assertThat(decision.path("output").path("eligibility").asText()).isEqualTo("AUTO_REJECT");
    assertThat(decision.path("model").asText()).isEqualTo("/api/models/decisions/return-eligibility");
    JsonNode rule = decision.path("matchedRules").get(0);
    assertThat(rule.path("ruleId").asText()).isEqualTo("Rule_WindowPassed");
    assertThat(rule.path("row").asInt()).isEqualTo(1);
    assertThat(rule.path("ruleIndex").asInt()).as("the engine's index is the row").isEqualTo(1);
    assertThat(rule.path("annotation").asText()).startsWith("Outside the return window");
    JsonNode window = null;
    for (JsonNode part : decision.path("evaluatedDecisions")) {
      if (part.path("decisionId").asText().equals("return-window")) {
        window = part;
      }
    }
    assertThat(window).as("the required decision").isNotNull();
    assertThat(window.path("decisionName").asText()).isEqualTo("Return window");
    assertThat(window.path("matchedRules").get(0).path("ruleId").asText()).isEqualTo("Rule_StandardWindow");
    assertThat(window.path("matchedRules").get(0).path("row").asInt()).isEqualTo(3);
    assertThat(window.path("output").path("windowDays").asInt()).isEqualTo(7);
    assertThat(decision.path("outputMatchesEngine").isNull()).as("no business rule task's check recorded").isTrue();
  }

  @Test
  void aBusinessRuleTaskWhoseRowsWereMatchedAgainWithAnotherOutputThanTheEnginesSaysSo() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    timeline.record(c.getId(), TimelineKind.DECISION, "BusinessRuleTask_DecideReturnEligibility", "decide",
        "Decision return-eligibility v1: {eligibility=EVIDENCE_REVIEW}", Map.of(
            "decisionId", "return-eligibility", "decisionVersion", 1, "decisionKey", 2251799813685309L,
            "output", Map.of("eligibility", "EVIDENCE_REVIEW"),
            "matchedRules", List.of(Map.of("ruleId", "Rule_OpenedNoReason", "ruleIndex", 4)),
            "evaluatedBy", "business-rule-task", "rulesMatchedBy", "application", "outputMatchesEngine", false));

    JsonNode decision = get(TestUser.AUDITOR, ApiPaths.CASES + "/" + c.getId() + "/decisions").body().get(0);

    assertThat(decision.path("rulesMatchedBy").asText()).isEqualTo("application");
    assertThat(decision.path("outputMatchesEngine").isBoolean()).isTrue();
    assertThat(decision.path("outputMatchesEngine").asBoolean()).isFalse();
    assertThat(decision.path("output").path("eligibility").asText()).isEqualTo("EVIDENCE_REVIEW");
  }

  @Test
  void aChannelUserOfAnotherChannelGets404AndAWarehouseUser403() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);

    assertThat(get(TestUser.OTHER_CHANNEL, ApiPaths.CASES + "/" + c.getId() + "/decisions").status()).isEqualTo(404);
    assertThat(get(TestUser.CHANNEL, ApiPaths.CASES + "/" + c.getId() + "/decisions").body()).isEmpty();
    assertThat(get(TestUser.WAREHOUSE, ApiPaths.CASES + "/" + c.getId() + "/decisions").status()).isEqualTo(403);
    assertThat(get(TestUser.AGENT, ApiPaths.CASES + "/no-such-case/decisions").status()).isEqualTo(404);
  }
}
