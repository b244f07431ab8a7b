package dev.aftersales.workers.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.TaskCompletions;
import dev.aftersales.tasks.TaskSla;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.cases.RecordCustomerAnswerWorker.CustomerAnswer;
import dev.aftersales.workers.cases.RecordEvidenceReviewWorker.EvidenceReview;
import dev.aftersales.workers.cases.RecordManualRefundWorker.ManualRefund;
import dev.aftersales.workers.cases.RecordRefundDeductionWorker.RefundDeduction;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agents' outcomes land on the case and in the timeline with the agent the task's completing listener
 * noted; overdue tasks are raised, given to the supervisors and given a new due date through the
 * engine's user-task API v2 (WireMock stubs in the shapes of Camunda's rest-api.yaml); cases close.
 */
class AgentStepsTest extends IntegrationTest {

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired Timeline timeline;
  @Autowired TaskCompletions completions;
  @Autowired NoteTaskCompletionWorker noteCompletion;
  @Autowired RecordEvidenceReviewWorker recordReview;
  @Autowired RecordRefundDeductionWorker recordDeduction;
  @Autowired RecordManualRefundWorker recordManualRefund;
  @Autowired RecordCustomerAnswerWorker recordAnswer;
  @Autowired EscalateOverdueTaskWorker escalate;
  @Autowired CloseCaseWorker close;
  private final UserTaskStubs userTasks = UserTaskStubs.shared();

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void anApprovedQualityReturnIsUrgentAndTheFormIsRecordedWithTheAgentTheListenerNoted() {
    AfterSalesCase c = TestCases.aReturn().statedReason(Reason.QUALITY).build();
    c.classified(Reason.QUALITY, ReasonSource.CHANNEL, null, "qc-team");
    cases.save(c);
    long instance = newInstanceKey();
    Instant before = Instant.now();
    noteCompletion.note(completing(instance, instance + 44, "demo"), c.getId());

    recordReview.record(task(JobTypes.RECORD_EVIDENCE_REVIEW, AgentTask.EVIDENCE_REVIEW, instance),
        new EvidenceReview(c.getId(), "APPROVE", null, "photos show the crack"));

    assertThat(cases.require(c.getId()).isUrgent()).isTrue();
    TimelineEntry entry = timeline.of(c.getId()).getLast();
    assertThat(entry.kind()).isEqualTo(TimelineKind.HUMAN_TASK);
    assertThat(entry.actor()).isEqualTo("agent:demo");
    assertThat(entry.details()).containsEntry("task", "evidence-review")
        .containsEntry("taskId", String.valueOf(instance + 44))
        .containsEntry("assignee", "demo");
    assertThat(Instant.parse((String) entry.details().get("completionTime"))).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat((Map<String, Object>) entry.details().get("formData"))
        .containsEntry("reviewDecision", "APPROVE").containsEntry("reviewNote", "photos show the crack")
        .doesNotContainKey("caseId");
    wireMock().verify(0, postRequestedFor(urlEqualTo("/v2/user-tasks/search")));
  }

  @Test
  void aDecisionWithoutANotedCompletionIsRecordedWithoutTheAgent() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());

    recordReview.record(task(JobTypes.RECORD_EVIDENCE_REVIEW, AgentTask.EVIDENCE_REVIEW, newInstanceKey()),
        new EvidenceReview(c.getId(), "REJECT", "no defect visible on any photo", null));

    TimelineEntry entry = timeline.of(c.getId()).getLast();
    assertThat(entry.actor()).isEqualTo("worker:" + JobTypes.RECORD_EVIDENCE_REVIEW);
    assertThat(entry.details()).containsOnlyKeys("task", "jobKey", "formData");
    assertThat((Map<String, Object>) entry.details().get("formData")).containsEntry("reviewDecision", "REJECT");
  }

  @Test
  void aListenerJobDeliveredAgainNotesTheTaskOnceWithItsLatestAssignee() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();

    noteCompletion.note(completing(instance, instance + 44, "li.lei"), c.getId());
    noteCompletion.note(completing(instance, instance + 44, "han.meimei"), c.getId());

    assertThat(completions.latestOf(instance)).hasValueSatisfying(done -> {
      assertThat(done.userTaskKey()).isEqualTo(instance + 44);
      assertThat(done.assignee()).isEqualTo("han.meimei");
      assertThat(done.elementId()).isEqualTo("UserTask_ReviewEvidence");
      assertThat(done.caseId()).isEqualTo(c.getId());
    });
  }

  @Test
  void theListenerReadsTheTaskFromTheJobHeadersWhenTheGatewayGivesNoUserTask() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    // As the in-memory engine's gateway hands it out: the task only in the engine's headers.
    ActivatedJob job = job(JobTypes.NOTE_TASK_COMPLETION, "UserTask_ResolveMismatch", Map.of(
        NoteTaskCompletionWorker.USER_TASK_KEY_HEADER, String.valueOf(instance + 7),
        NoteTaskCompletionWorker.ASSIGNEE_HEADER, "wang.fang",
        "io.camunda.zeebe:action", "complete"), instance);

    noteCompletion.note(job, c.getId());

    assertThat(completions.latestOf(instance)).hasValueSatisfying(done -> {
      assertThat(done.userTaskKey()).isEqualTo(instance + 7);
      assertThat(done.assignee()).isEqualTo("wang.fang");
      assertThat(done.elementId()).isEqualTo("UserTask_ResolveMismatch");
    });
  }

  @Test
  void deductionAndManualRefundAreStoredOnTheCase() {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    refunds.save(new Refund(c.getId(), null, new BigDecimal("179.00"), BigDecimal.ZERO.setScale(2),
        BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), new BigDecimal("179.00"), RefundStatus.DECLINED,
        c.getId() + ":refund", null, false, null));

    recordDeduction.record(task(JobTypes.RECORD_REFUND_DEDUCTION, AgentTask.REFUND_DEDUCTION, 0L),
        new RefundDeduction(c.getId(), new BigDecimal("20"), "tag removed"));
    recordManualRefund.record(task(JobTypes.RECORD_MANUAL_REFUND, AgentTask.MANUAL_REFUND, 0L),
        new ManualRefund(c.getId(), "BANK-TRANSFER-77", "paid by bank transfer"));

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getDeductionAmount()).isEqualTo(new BigDecimal("20.00"));
    assertThat(stored.getDeductionReason()).isEqualTo("tag removed");
    assertThat(refunds.require(stored.getId()).status()).isEqualTo(RefundStatus.MANUAL);
    assertThat(refunds.require(stored.getId()).refundId()).isEqualTo("BANK-TRANSFER-77");
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK)
        .extracting(e -> String.valueOf(((Map<?, ?>) e.details().get("formData")).get("deductionAmount")))
        .contains("20.0");
  }

  @Test
  void atItsDueDateATaskIsRaisedGivenToTheSupervisorsUntilTheManagersTimeAndTheSupervisorsAreTold() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    long taskKey = instance + 44;
    TaskSla sla = slaDueNow();
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    userTasks.searchOfInstanceAnswers(instance, openReview(taskKey, instance, List.of("qc-team"), 80))
        .variables(taskKey, instance, Map.of(TaskSla.VARIABLE, sla))
        .acceptsUpdate(taskKey);

    escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId());

    assertThat(cases.require(c.getId()).isEscalated()).isTrue();
    wireMock().verify(1, UserTaskStubs.update(taskKey, 100, List.of("qc-team", "supervisors"))
        .withRequestBody(matchingJsonPath("$.changeset.dueDate", equalTo(sla.managersAt().toString()))));
    TimelineEntry breach = timeline.of(c.getId()).stream().filter(e -> e.summary().startsWith("SLA breached"))
        .findFirst().orElseThrow();
    assertThat(breach.kind()).isEqualTo(TimelineKind.HUMAN_TASK);
    assertThat(breach.summary()).isEqualTo("SLA breached: evidence-review overdue, escalated to the supervisors");
    assertThat(breach.details()).containsEntry("task", "evidence-review").containsEntry("level", 1)
        .containsEntry("taskId", String.valueOf(taskKey)).containsEntry("supervisorGroup", "supervisors");
    wireMock().verify(1, postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:TASK_OVERDUE:evidence-review:" + taskKey + ":L1"))
        .withRequestBody(matchingJsonPath("$.template", equalTo("TASK_OVERDUE")))
        .withRequestBody(matchingJsonPath("$.params.groups[0]", equalTo("supervisors"))));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/notifications"))
        .withRequestBody(matchingJsonPath("$.params.groups[1]")));
  }

  @Test
  void oneSlaPeriodLaterTheManagersAreAddedAndTheSupervisorsToldAgain() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    long taskKey = instance + 44;
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    userTasks.searchOfInstanceAnswers(instance, openReview(taskKey, instance, List.of("qc-team", "supervisors"), 100))
        .variables(taskKey, instance, Map.of(TaskSla.VARIABLE, slaDueNow()))
        .acceptsUpdate(taskKey);

    escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId());

    wireMock().verify(1, UserTaskStubs.update(taskKey, 100, List.of("qc-team", "supervisors", "managers")));
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("level", 2).containsEntry("managerGroup", "managers"));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:TASK_OVERDUE:evidence-review:" + taskKey + ":L2"))
        .withRequestBody(matchingJsonPath("$.params.groups[1]", equalTo("managers"))));
  }

  @Test
  void aRedeliveredFirstEscalationStaysAtTheFirstLevel() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    long taskKey = instance + 44;
    TaskSla sla = slaDueNow();
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    userTasks.searchOfInstanceAnswers(instance, openReview(taskKey, instance, List.of("qc-team"), 80))
        .variables(taskKey, instance, Map.of(TaskSla.VARIABLE, sla))
        .acceptsUpdate(taskKey);
    ActivatedJob job = overdue(AgentTask.EVIDENCE_REVIEW, instance);
    escalate.escalate(job, c.getId());
    // The search now shows the escalated task; the job comes again (e.g. its completion was lost).
    ObjectNode escalated = openReview(taskKey, instance, List.of("qc-team", "supervisors"), 100);
    escalated.put("dueDate", sla.managersAt().toString());
    userTasks.searchOfInstanceAnswers(instance, escalated);

    escalate.escalate(job, c.getId());

    wireMock().verify(1, UserTaskStubs.anyUpdate());
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK)
        .extracting(TimelineEntry::summary)
        .containsExactly("SLA breached: evidence-review overdue, escalated to the supervisors");
    wireMock().verify(2, postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:TASK_OVERDUE:evidence-review:" + taskKey + ":L1")));
    wireMock().verify(0, postRequestedFor(urlEqualTo("/notifications"))
        .withRequestBody(matchingJsonPath("$.params.level", equalTo("2"))));
  }

  @Test
  void aTaskCompletedMeanwhileIsNotEscalated() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    userTasks.searchOfInstanceAnswers(instance, UserTaskStubs.completed(
        openReview(instance + 44, instance, List.of("qc-team"), 80), "demo", Instant.now()));

    escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId());

    wireMock().verify(0, UserTaskStubs.anyUpdate());
    wireMock().verify(0, postRequestedFor(urlEqualTo("/notifications")));
    assertThat(cases.require(c.getId()).isEscalated()).isFalse();
    assertThat(timeline.of(c.getId())).anySatisfy(e -> assertThat(e.details()).containsEntry("taskOpen", false));
  }

  @Test
  void anOverdueTaskTheSearchDoesNotShowYetFailsTheJobForARetry() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    userTasks.searchOfInstanceAnswers(instance);

    assertThatThrownBy(() -> escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId()))
        .hasMessageContaining("shows no evidence-review task of process instance " + instance);
    assertThat(cases.require(c.getId()).isEscalated()).isFalse();
    wireMock().verify(0, UserTaskStubs.anyUpdate());
  }

  @Test
  void anApprovedOpenedNoReasonReturnIsNotUrgent() {
    AfterSalesCase c = TestCases.aReturn().unopened(false).build();
    c.classified(Reason.NO_REASON, ReasonSource.CHANNEL, null, "warehouse-team");
    cases.save(c);

    recordReview.record(task(JobTypes.RECORD_EVIDENCE_REVIEW, AgentTask.EVIDENCE_REVIEW, newInstanceKey()),
        new EvidenceReview(c.getId(), "APPROVE", null, "tags still on"));

    assertThat(cases.require(c.getId()).isUrgent()).isFalse();
  }

  @Test
  void anApprovedMisSentClaimOrDisputedPickIsNotUrgent() {
    AfterSalesCase wrongItem = cases.save(TestCases.aWrongItem("SHIRT-L").build());
    AfterSalesCase missingItem = cases.save(TestCases.aMissingItem().build());

    // the claim review and the disputed pick's review both record through the evidence-review form
    for (AfterSalesCase c : List.of(wrongItem, missingItem)) {
      recordReview.record(task(JobTypes.RECORD_EVIDENCE_REVIEW, AgentTask.EVIDENCE_REVIEW, newInstanceKey()),
          new EvidenceReview(c.getId(), "APPROVE", null, "the claim holds"));
    }

    assertThat(cases.require(wrongItem.getId()).isUrgent()).isFalse();
    assertThat(cases.require(missingItem.getId()).isUrgent()).isFalse();
  }

  @Test
  void aRedeliveredDecisionIsRecordedOnce() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    noteCompletion.note(completing(instance, instance + 44, "demo"), c.getId());
    ActivatedJob job = task(JobTypes.RECORD_EVIDENCE_REVIEW, AgentTask.EVIDENCE_REVIEW, instance);

    for (int delivery = 1; delivery <= 2; delivery++) {
      recordReview.record(job, new EvidenceReview(c.getId(), "APPROVE", null, "photos show the crack"));
    }

    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("jobKey", job.getKey()));
  }

  @Test
  void closingMovesTheCaseToTheStatusOfTheModelOnce() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    ActivatedJob closeRejected = job(JobTypes.CLOSE_CASE, "ServiceTask_CloseRejectedCase", Map.of(Headers.STATUS, "REJECTED"));

    close.close(closeRejected, c.getId());
    close.close(closeRejected, c.getId());

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.REJECTED);
    assertThat(stored.getClosedAt()).isNotNull();
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.STATUS).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("from", "OPEN").containsEntry("to", "REJECTED"));
  }

  @Test
  void aCustomerWhoWantsAnotherVariantGetsItOnEveryLine() {
    AfterSalesCase c = TestCases.anExchange("DRESS-L").build();
    c.priceSettled(new BigDecimal("20.00"));
    cases.save(c);

    recordAnswer.record(task(JobTypes.RECORD_CUSTOMER_ANSWER, AgentTask.CUSTOMER_CONTACT, 0L),
        new CustomerAnswer(c.getId(), "OTHER_VARIANT", "DRESS-XL", null, "agreed by phone"));

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getCustomerAnswer()).isEqualTo("OTHER_VARIANT");
    assertThat(stored.getCustomerContactNotes()).isEqualTo("agreed by phone");
    assertThat(stored.getLines()).extracting(ReturnLine::exchangeSku).containsExactly("DRESS-XL");
    assertThat(stored.getPriceDifference()).as("the new variant is settled again").isNull();
    TimelineEntry entry = timeline.of(c.getId()).getLast();
    assertThat(entry.details()).containsEntry("task", "customer-contact");
    assertThat((Map<String, Object>) entry.details().get("formData"))
        .containsEntry("customerAnswer", "OTHER_VARIANT").containsEntry("newExchangeSku", "DRESS-XL");
  }

  @Test
  void aWrongItemTheAgentAgreesTheCustomerKeepsIsStoredAsKeptWithTheAgreement() {
    AfterSalesCase c = TestCases.aWrongItem("SCARF-RED").build();
    c.wrongItemHandlingDecided(null, null, "No rule decided: an agent agrees with the customer");
    cases.save(c);

    recordAnswer.record(task(JobTypes.RECORD_CUSTOMER_ANSWER, AgentTask.CUSTOMER_CONTACT, 0L),
        new CustomerAnswer(c.getId(), "KEEP_ITEM", null, null, "customer keeps the scarf"));

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getKeepWrongItem()).isTrue();
    assertThat(stored.getWrongItemRule()).isEqualTo("Agreed with the customer by an agent");
    assertThat(stored.getCustomerAnswer()).isEqualTo("KEEP_ITEM");
  }

  @Test
  void aCustomerWhoWaitsKeepsTheVariant() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L").build());

    recordAnswer.record(task(JobTypes.RECORD_CUSTOMER_ANSWER, AgentTask.CUSTOMER_CONTACT, 0L),
        new CustomerAnswer(c.getId(), "WAIT", null, null, null));

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getCustomerAnswer()).isEqualTo("WAIT");
    assertThat(stored.getLines()).extracting(ReturnLine::exchangeSku).containsExactly("DRESS-L");
  }

  @Test
  void exchangesAndReshipsCloseWithTheirOwnStatus() {
    // an exchange closes once its goods came back (the case refuses OPEN → EXCHANGED)
    AfterSalesCase exchange = cases.save(TestCases.anExchange("DRESS-L").buildReceived(Reason.NO_REASON));
    AfterSalesCase reship = cases.save(TestCases.aMissingItem().build());

    close.close(job(JobTypes.CLOSE_CASE, "ServiceTask_CloseExchanged", Map.of(Headers.STATUS, "EXCHANGED")),
        exchange.getId());
    close.close(job(JobTypes.CLOSE_CASE, "ServiceTask_CloseReshipped", Map.of(Headers.STATUS, "RESHIPPED")),
        reship.getId());

    assertThat(cases.require(exchange.getId())).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo(CaseStatus.EXCHANGED);
      assertThat(c.getClosedAt()).isNotNull();
    });
    assertThat(cases.require(reship.getId())).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo(CaseStatus.RESHIPPED);
      assertThat(c.getClosedAt()).isNotNull();
    });
  }

  private static ActivatedJob task(String jobType, AgentTask task, long processInstanceKey) {
    return job(jobType, "ServiceTask_Record", Map.of(Headers.TASK, task.id()), processInstanceKey);
  }

  /** The job of the completing listener of the evidence review, as the engine hands it out. */
  private static ActivatedJob completing(long processInstanceKey, long userTaskKey, String assignee) {
    ActivatedJob job = job(JobTypes.NOTE_TASK_COMPLETION, "UserTask_ReviewEvidence", Map.of(), processInstanceKey);
    UserTaskProperties task = mock(UserTaskProperties.class);
    when(task.getUserTaskKey()).thenReturn(userTaskKey);
    when(task.getAssignee()).thenReturn(assignee);
    when(job.getUserTask()).thenReturn(task);
    return job;
  }

  private static ObjectNode openReview(long taskKey, long instance, List<String> groups, int priority) {
    return UserTaskStubs.task(taskKey, instance, "UserTask_ReviewEvidence", "evidence-review", groups, priority,
        Instant.now().minusSeconds(60));
  }

  /** The task-priority outcome of a 24-hour task that is due now. */
  private static TaskSla slaDueNow() {
    return TaskSla.decided("evidence-review", Map.of("priority", 80, "slaHours", 24, "escalatedPriority", 100,
        "supervisorGroup", "supervisors", "managerGroup", "managers"), Instant.now().minus(Duration.ofHours(24)));
  }

  private static ActivatedJob overdue(AgentTask task, long processInstanceKey) {
    return job(JobTypes.ESCALATE_OVERDUE_TASK, "ServiceTask_EscalateOverdueReview", Map.of(Headers.TASK, task.id()),
        processInstanceKey);
  }

  /** A process instance the test engine does not have: only the user-task stubs know its tasks. */
  private static long newInstanceKey() {
    return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
  }
}
