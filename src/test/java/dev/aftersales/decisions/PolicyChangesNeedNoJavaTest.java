package dev.aftersales.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessTestEngine;
import dev.aftersales.testsupport.SampleFacts;
import dev.aftersales.workers.decision.RecordReasonClassificationWorker;
import dev.aftersales.workers.decision.RecordReplacementOptionsWorker;
import dev.aftersales.workers.decision.RecordReturnEligibilityWorker;
import dev.aftersales.workers.decision.RecordWrongItemHandlingWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A process owner changes a policy in the Modeler and deploys the models: the next case follows the new
 * rule, with no Java change, while a case that started before keeps the rules deployed with its process.
 * Each test deploys the project's models, then an edited copy of one DMN with them (one deployment, as the
 * application deploys), and runs the same case on both process versions on the real engine.
 */
class PolicyChangesNeedNoJavaTest {

  private ProcessTestEngine zeebe;

  @BeforeEach
  void startEngine() {
    zeebe = ProcessTestEngine.start();
  }

  @AfterEach
  void stopEngine() {
    zeebe.close();
  }

  @Test
  void aLongerReturnWindowApprovesWhatTheOldOneRejected() {
    Map<String, Object> dayNine = SampleFacts.returnDecidedAs("AUTO_APPROVE");
    dayNine.put("daysSinceDelivery", 9);

    Map<String, Object> before = eligibilityBeforeAndAfter(Map.of("return-eligibility.dmn",
        dmn -> replaceInRule(dmn, "Rule_StandardWindow", "<text>7</text>", "<text>10</text>")), dayNine);

    assertThat(before).containsEntry("before", "AUTO_REJECT").containsEntry("after", "AUTO_APPROVE");
  }

  @Test
  void aBiggerCompensationCouponIsWhatTheRejectedCustomerGets() {
    Map<String, Object> late = SampleFacts.returnDecidedAs("AUTO_REJECT");

    long oldProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(Map.of()));
    long newProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(Map.of("return-eligibility.dmn",
        dmn -> replaceInRule(dmn, "Rule_WindowPassed", "<text>10</text>", "<text>20</text>"))));

    assertThat(eligibility(oldProcess, late)).containsEntry("couponAmount", 10);
    assertThat(eligibility(newProcess, late)).containsEntry("couponAmount", 20).containsEntry("couponThreshold", 0);
    assertThat(zeebe.activateJob(JobTypes.ISSUE_COMPENSATION_COUPON).getElementId())
        .isEqualTo("ServiceTask_IssueCompensationCoupon");
  }

  @Test
  void aNewClassificationKeywordSendsTheReturnToQualityControl() {
    Map<String, Object> pilling = SampleFacts.statedReason(null);
    pilling.put("description", "洗了一次就起球了");

    long oldProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(Map.of()));
    long newProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(Map.of("reason-classification.dmn",
        dmn -> dmn.replace("some word in [&quot;破损&quot;", "some word in [&quot;起球&quot;, &quot;破损&quot;")
            .replace("some word in [\"破损\"", "some word in [\"起球\", \"破损\""))));

    assertThat(classification(oldProcess, pilling)).containsEntry("reason", "NO_REASON")
        .containsEntry("queue", "warehouse-team");
    assertThat(classification(newProcess, pilling)).containsEntry("reason", "QUALITY")
        .containsEntry("queue", "qc-team");
  }

  @Test
  void aHigherKeepItThresholdLetsTheCustomerKeepADearerWrongItem() {
    Map<String, Object> fortyYuan = new HashMap<>();
    fortyYuan.put("caseType", "WRONG_ITEM");
    fortyYuan.put("wrongItemValue", 40.00);

    long oldProcess = deployed(zeebe.deployAllModelsEdited(Map.of()), ProcessIds.MIS_SENT_ITEM);
    long newProcess = deployed(zeebe.deployAllModelsEdited(Map.of("wrong-item-handling.dmn",
        dmn -> dmn.replace("<text>&lt;= 30</text>", "<text>&lt;= 50</text>"))), ProcessIds.MIS_SENT_ITEM);

    assertThat(wrongItemHandling(oldProcess, fortyYuan)).containsEntry("keepWrongItem", false);
    assertThat(zeebe.activateJob(JobTypes.CREATE_RETURN_LABEL).getElementId()).isEqualTo("ServiceTask_CreateReturnLabel");
    assertThat(wrongItemHandling(newProcess, fortyYuan)).containsEntry("keepWrongItem", true);
    ActivatedJob told = zeebe.activateJob(JobTypes.NOTIFY_CUSTOMER);
    assertThat(told.getCustomHeaders()).containsEntry(Headers.TEMPLATE, "KEEP_WRONG_ITEM");
  }

  @Test
  void aHigherWaitLimitLetsAnExchangeCustomerWaitForTheReplacementAThirdTime() {
    Map<String, Object> waitedTwice = new HashMap<>();
    waitedTwice.put("caseType", "EXCHANGE");
    waitedTwice.put("daysUntilArrival", 3);
    waitedTwice.put("timesWaited", 2);

    long oldProcess = deployed(zeebe.deployAllModelsEdited(Map.of()), ProcessIds.EXCHANGE_REQUEST);
    long newProcess = deployed(zeebe.deployAllModelsEdited(Map.of("replacement-options.dmn",
        dmn -> replaceInRule(dmn, "Rule_ExchangeWaitedEnough", "<text>&gt;= 2</text>", "<text>&gt;= 3</text>"))),
        ProcessIds.EXCHANGE_REQUEST);

    assertThat(replacementOptions(oldProcess, waitedTwice)).containsEntry("contactOptions",
        List.of("OTHER_VARIANT", "REFUND"));
    assertThat(replacementOptions(newProcess, waitedTwice)).containsEntry("contactOptions",
        List.of("OTHER_VARIANT", "REFUND", "WAIT"));
  }

  private Map<String, Object> replacementOptions(long processDefinitionKey, Map<String, Object> facts) {
    return decideAt(processDefinitionKey, "BusinessRuleTask_DecideReplacementOptions", facts,
        JobTypes.RECORD_REPLACEMENT_OPTIONS, RecordReplacementOptionsWorker.RESULT);
  }

  /** The eligibility of the same facts on the process deployed before and after the edit. */
  private Map<String, Object> eligibilityBeforeAndAfter(Map<String, UnaryOperator<String>> edit,
      Map<String, Object> facts) {
    long oldProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(Map.of()));
    long newProcess = deployedReturnGoods(zeebe.deployAllModelsEdited(edit));
    Map<String, Object> outcome = new HashMap<>();
    outcome.put("after", eligibility(newProcess, facts).get("eligibility"));
    outcome.put("before", eligibility(oldProcess, facts).get("eligibility"));
    return outcome;
  }

  private Map<String, Object> eligibility(long processDefinitionKey, Map<String, Object> facts) {
    return decideAt(processDefinitionKey, "BusinessRuleTask_DecideReturnEligibility", facts,
        JobTypes.RECORD_RETURN_ELIGIBILITY, RecordReturnEligibilityWorker.RESULT);
  }

  private Map<String, Object> classification(long processDefinitionKey, Map<String, Object> facts) {
    return decideAt(processDefinitionKey, "BusinessRuleTask_ClassifyReturnReason", facts,
        JobTypes.RECORD_REASON_CLASSIFICATION, RecordReasonClassificationWorker.RESULT);
  }

  private Map<String, Object> wrongItemHandling(long processDefinitionKey, Map<String, Object> facts) {
    return decideAt(processDefinitionKey, "BusinessRuleTask_DecideWrongItemHandling", facts,
        JobTypes.RECORD_WRONG_ITEM_HANDLING, RecordWrongItemHandlingWorker.RESULT);
  }

  /**
   * Starts a case of this process version at the business rule task, plays the facts listener, and
   * returns the result the engine hands the recording listener (completing it, so the process moves on).
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> decideAt(long processDefinitionKey, String elementId, Map<String, Object> facts,
      String recordJobType, String resultVariable) {
    long instance = zeebe.client().newCreateInstanceCommand().processDefinitionKey(processDefinitionKey)
        .variables(Map.of("caseId", "case-" + UUID.randomUUID(), "orderId", "order-4711", "reason", "NO_REASON",
            "queue", "warehouse-team"))
        .startBeforeElement(elementId).send().join().getProcessInstanceKey();
    ActivatedJob gather = jobOf(instance, JobTypes.GATHER_DECISION_FACTS);
    zeebe.client().newCompleteCommand(gather.getKey()).variables(Map.of("facts", facts)).send().join();
    ActivatedJob record = jobOf(instance, recordJobType);
    Map<String, Object> result = (Map<String, Object>) record.getVariablesAsMap().get(resultVariable);
    zeebe.client().newCompleteCommand(record.getKey()).send().join();
    zeebe.waitForIdle();
    return result;
  }

  /** The job of this type of this case (an earlier case may wait at a job of the same type). */
  private ActivatedJob jobOf(long processInstanceKey, String jobType) {
    return zeebe.activateJobOf(processInstanceKey, jobType);
  }

  private static long deployedReturnGoods(DeploymentEvent deployment) {
    return deployed(deployment, ProcessIds.RETURN_GOODS);
  }

  private static long deployed(DeploymentEvent deployment, String processId) {
    return deployment.getProcesses().stream().filter(p -> p.getBpmnProcessId().equals(processId)).findFirst()
        .orElseThrow().getProcessDefinitionKey();
  }

  /** The DMN with {@code from} replaced by {@code to} inside one rule only. */
  private static String replaceInRule(String dmn, String ruleId, String from, String to) {
    int start = dmn.indexOf("<rule id=\"" + ruleId + "\"");
    int end = dmn.indexOf("</rule>", start);
    assertThat(start).as("rule %s", ruleId).isPositive();
    String rule = dmn.substring(start, end);
    assertThat(rule).contains(from);
    return dmn.substring(0, start) + rule.replaceFirst(java.util.regex.Pattern.quote(from), to) + dmn.substring(end);
  }
}
