package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.DecisionBindings;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.DmnEdits;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.workers.decision.RecordReturnEligibilityWorker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process owner's edit leaves a gap in the return policy (the row for opened no-reason returns deleted): a
 * request no row matches goes to an agent's evidence review, as the eligibility gateway's default flow says,
 * instead of failing into an incident at the recording step. Real workers, engine and database; the edited
 * policy is deployed with its process as the Modeler would, and the shipped models are deployed again after.
 */
class EligibilityGapJourneyApiTest extends ApiTest {

  @Autowired DecisionBindings bindings;

  @Test
  void aReturnNoRuleOfAnEditedPolicyMatchesGoesToAnAgentsReviewInsteadOfAnIncident() {
    // the row for opened no-reason returns deleted
    String withGap = DmnEdits.withoutRules("return-eligibility.dmn", "Rule_OpenedNoReason");
    bindings.deployed(zeebe().deployAllModelsEdited(Map.of(
        "return-eligibility.dmn", dmn -> withGap,
        // a new version of the process that evaluates the decision, so it is bound to the edited table
        "return-goods.bpmn", bpmn -> bpmn + "<!-- deployed with a gap in the return policy -->\n")));
    try {
      stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
      stub(WireMock.post(urlEqualTo("/notifications")), "{}");
      String orderId = "O-" + UUID.randomUUID();
      deliveredTwoDaysAgo(orderId);
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"R-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
           "description":"opened it, changed my mind","unopened":false,"lines":[{"sku":"SKU-A","quantity":1}],
           "evidence":[]}""".formatted(orderId, orderId));
      assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();

      AfterSalesCase reviewed = awaitStatus(caseId, CaseStatus.UNDER_REVIEW);
      assertThat(reviewed.getDecision()).hasToString("EVIDENCE_REVIEW");
      assertThat(reviewed.getDecisionRule()).isEqualTo(RecordReturnEligibilityWorker.NO_RULE);
      assertThat(reviewed.getWindowDays()).as("the window still applied").isEqualTo(7);
      awaitUserTask(reviewed.getProcessInstanceKey(), "UserTask_ReviewEvidence");
      JsonNode eligibility = StreamSupport.stream(
              get(TestUser.AUDITOR, ApiPaths.CASES + "/" + caseId + "/decisions").body().spliterator(), false)
          .filter(d -> d.path("decisionId").asText().equals("return-eligibility")).findFirst().orElseThrow();
      assertThat(eligibility.path("output").isNull() || eligibility.path("output").isMissingNode())
          .as("no rule matched: %s", eligibility).isTrue();
    } finally {
      deployShippedModelsAgain();
    }
  }

  private static void deliveredTwoDaysAgo(String orderId) {
    String signed = Instant.now().minus(2, ChronoUnit.DAYS).toString();
    wireMock().stubFor(WireMock.get("/oms/orders/" + orderId).willReturn(okJson("""
        {"orderId":"%s","channel":"TMALL","customerId":"C-%s","customerTier":"NORMAL","placedAt":"2026-11-01T02:00:00Z",
         "signedAt":"%s","promotion":null,"paymentId":"PAY-%s","paymentMethod":"ALIPAY","installmentPlanId":null,
         "freightInsurance":false,"warehouseId":"WH-SH","lines":[
          {"sku":"SKU-A","name":"Kettle","quantity":1,"unitPrice":99.00,"paidAmount":99.00,"gift":false,"barcode":"6900001"}]}"""
        .formatted(orderId, orderId, signed, orderId))));
  }
}
