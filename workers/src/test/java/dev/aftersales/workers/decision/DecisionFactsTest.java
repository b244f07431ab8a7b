package dev.aftersales.workers.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.EngineDecisions.Evaluation;
import dev.aftersales.workers.TestCases;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The facts a decision sees come from the case (one builder for every decision) and the deployed DMN
 * decides on them: the request being decided counts for the abuse guard, a size complaint is no quality
 * problem, the photos are read once. The recording step stores what the engine decided.
 */
class DecisionFactsTest extends IntegrationTest {

  private static final ActivatedJob GATHER =
      job(JobTypes.GATHER_DECISION_FACTS, "BusinessRuleTask_DecideReturnEligibility");
  private static final ActivatedJob RECORD_WRONG_ITEM =
      job(JobTypes.RECORD_WRONG_ITEM_HANDLING, "BusinessRuleTask_DecideWrongItemHandling");
  private static final ActivatedJob RECORD_CLASSIFICATION =
      job(JobTypes.RECORD_REASON_CLASSIFICATION, "BusinessRuleTask_ClassifyReturnReason");

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired GatherDecisionFactsWorker gather;
  @Autowired RecordReasonClassificationWorker recordClassification;
  @Autowired RecordWrongItemHandlingWorker recordWrongItem;
  @Autowired EngineDecisions decisions;
  @Autowired ObjectMapper json;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void aWrongItemNoRuleDecidesOnIsRecordedUndecidedForAnAgentInsteadOfFailing() {
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SCARF-RED").build());
    Map<String, Object> facts = new HashMap<>();
    facts.put("caseType", "WRONG_ITEM");
    facts.put("wrongItemValue", null);

    // the engine's result when a process owner's table matches no rule: null
    recordWrongItem.record(RECORD_WRONG_ITEM, c.getId(), facts, null);

    AfterSalesCase recorded = cases.require(c.getId());
    assertThat(recorded.getKeepWrongItem()).as("undecided: the gateway's default flow asks an agent").isNull();
    assertThat(recorded.getWrongItemRule()).startsWith("No rule decided");
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::kind).contains(TimelineKind.DECISION);
  }

  @Test
  void theSixthReturnInNinetyDaysIsReviewed() {
    String customer = "C-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      cases.save(TestCases.aReturn().ofCustomer(customer).statedReason(Reason.NO_REASON).build());
    }
    AfterSalesCase sixth = classifiedNoReason(TestCases.aReturn().ofCustomer(customer));

    Map<String, Object> facts = facts(sixth);

    assertThat(facts).containsEntry("returnsInLast90Days", 6).containsEntry("returnsInLast30Days", 6)
        .containsEntry("returnsInLast365Days", 6);
    Evaluation eligibility = evaluate(sixth, ProcessIds.RETURN_ELIGIBILITY, facts);
    assertThat(eligibility.result()).containsEntry("eligibility", "EVIDENCE_REVIEW");
    assertThat(eligibility.matchedRuleId()).isEqualTo("Rule_FrequentReturner");
  }

  @Test
  void theFifthReturnInNinetyDaysIsStillApprovedAutomatically() {
    String customer = "C-" + UUID.randomUUID();
    for (int i = 0; i < 4; i++) {
      cases.save(TestCases.aReturn().ofCustomer(customer).statedReason(Reason.NO_REASON).build());
    }
    AfterSalesCase fifth = classifiedNoReason(TestCases.aReturn().ofCustomer(customer));

    Evaluation eligibility = evaluate(fifth, ProcessIds.RETURN_ELIGIBILITY, facts(fifth));

    assertThat(eligibility.result()).containsEntry("eligibility", "AUTO_APPROVE");
  }

  @Test
  void aSizeThatDoesNotFitIsANoReasonReturnForTheWarehouse() {
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(null).description("尺码不符，穿不上").build());
    Map<String, Object> facts = facts(c);

    Evaluation classification = evaluate(c, ProcessIds.REASON_CLASSIFICATION, facts);
    RecordReasonClassificationWorker.Classified classified =
        recordClassification.record(RECORD_CLASSIFICATION, c.getId(), facts, classification.output());

    assertThat(classified.reason()).isEqualTo(Reason.NO_REASON);
    assertThat(classified.queue()).isEqualTo("warehouse-team");
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getReasonSource()).isEqualTo(ReasonSource.CLASSIFIER);
    assertThat(stored.getClassifierConfidence()).isEqualByComparingTo("0.85");
    TimelineEntry recorded = timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.DECISION)
        .filter(e -> RECORD_CLASSIFICATION.getElementId().equals(e.elementId())).findFirst().orElseThrow();
    assertThat(recorded.details()).containsEntry("decisionId", ProcessIds.REASON_CLASSIFICATION)
        .containsEntry("outputMatchesEngine", true).containsKeys("decisionVersion", "decisionKey", "inputs");
    assertThat(recorded.details().get("matchedRules").toString()).contains("Rule_SizeOrTaste");
  }

  @Test
  void theChannelsStatedReasonWinsOverTheCustomersWords() {
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(Reason.QUALITY).description("尺码不符").build());

    Evaluation classification = evaluate(c, ProcessIds.REASON_CLASSIFICATION, facts(c));

    assertThat(classification.result()).containsEntry("reason", "QUALITY").containsEntry("source", "CHANNEL")
        .containsEntry("queue", "qc-team");
  }

  @Test
  void eachPhotoIsReadOnceAndItsTextClassifiesTheReason() {
    wireMock().stubFor(post(urlEqualTo("/vision/ocr")).willReturn(okJson("{\"text\":\"屏幕有划痕\"}")));
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(null).description(null)
        .evidence(new Evidence("https://img.example/" + UUID.randomUUID() + ".jpg", EvidenceKind.PHOTO, null))
        .build());

    Map<String, Object> first = facts(c);
    Map<String, Object> again = facts(c);

    assertThat(first).containsEntry("ocrText", "屏幕有划痕").containsEntry("photos", 1);
    assertThat(again).containsEntry("ocrText", "屏幕有划痕");
    wireMock().verify(1, postRequestedFor(urlEqualTo("/vision/ocr")));
    assertThat(evaluate(c, ProcessIds.REASON_CLASSIFICATION, first).result()).containsEntry("reason", "QUALITY");
  }

  @Test
  void aRequestOutsideTheWindowHasItsDaysSinceDeliveryAndOrderAmountAsFacts() {
    AfterSalesCase c = classifiedNoReason(TestCases.aReturn().deliveredAgo(Duration.ofDays(20)));

    Map<String, Object> facts = facts(c);

    assertThat(facts).containsEntry("daysSinceDelivery", 20L).containsEntry("caseType", "RETURN")
        .containsEntry("channel", "TMALL").containsEntry("paymentMethod", "ALIPAY").containsKey("orderAmount");
    assertThat(evaluate(c, ProcessIds.RETURN_ELIGIBILITY, facts).result())
        .containsEntry("eligibility", "AUTO_REJECT").containsEntry("couponThreshold", 0);
  }

  private AfterSalesCase classifiedNoReason(TestCases builder) {
    AfterSalesCase c = builder.statedReason(Reason.NO_REASON).build();
    c.classified(Reason.NO_REASON, ReasonSource.CHANNEL, null, "warehouse-team");
    return cases.save(c);
  }

  /** The facts as the engine gets them: the worker's result, as JSON. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> facts(AfterSalesCase c) {
    DecisionFacts facts = gather.gather(GATHER, c.getId(), null, null, null, null).get(DecisionContext.FACTS);
    return json.convertValue(facts, Map.class);
  }

  private Evaluation evaluate(AfterSalesCase c, String decisionId, Map<String, Object> facts) {
    return decisions.evaluate(job(JobTypes.GATHER_DECISION_FACTS, "DecisionFactsTest"), c.getId(), decisionId,
        Map.of(DecisionContext.FACTS, facts), "the test sees no output").evaluation();
  }
}
