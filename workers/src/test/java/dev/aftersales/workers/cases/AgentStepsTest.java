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

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.TasklistStubs;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agents' outcomes land on the case and in the timeline with the agent from Tasklist; overdue tasks
 * are raised and given to the supervisors through the engine's user-task update; cases close.
 * Tasklist and the engine's REST API are WireMock stubs shaped from Camunda 8.6's answers.
 */
class AgentStepsTest extends IntegrationTest {

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired RecordAgentDecisionWorker recordDecision;
  @Autowired EscalateOverdueTaskWorker escalate;
  @Autowired CloseCaseWorker close;
  private final TasklistStubs tasklist = TasklistStubs.shared();

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void approvedEvidenceReviewMarksTheCaseUrgentAndRecordsTheFormWithTheAgent() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.COMPLETED_REVIEW, instance, instance + 44));

    recordDecision.record(task(AgentTask.EVIDENCE_REVIEW, instance), c.getId(), "APPROVE", null,
        "photos show the crack", null, null, null, null, null, null, null, null, null, null);

    assertThat(cases.require(c.getId()).isUrgent()).isTrue();
    TimelineEntry entry = timeline.of(c.getId()).getLast();
    assertThat(entry.kind()).isEqualTo(TimelineKind.HUMAN_TASK);
    assertThat(entry.details()).containsEntry("task", "evidence-review")
        .containsEntry("taskId", String.valueOf(instance + 44))
        .containsEntry("assignee", "demo")
        .containsEntry("completionTime", "2026-11-21T23:32:21.454Z");
    assertThat((Map<String, Object>) entry.details().get("formData"))
        .containsEntry("reviewDecision", "APPROVE").containsEntry("reviewNote", "photos show the crack");
    wireMock().verify(1, TasklistStubs.searchOf(instance));
  }

  @Test
  void aDecisionIsRecordedWithoutTheAgentWhenTasklistDoesNotShowTheCompletion() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    // Still open in Tasklist (its import lags behind the engine): asked three times, then given up.
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.OPEN_REVIEW, instance, instance + 44));

    recordDecision.record(task(AgentTask.EVIDENCE_REVIEW, instance), c.getId(), "REJECT", "no defect visible",
        null, null, null, null, null, null, null, null, null, null, null);

    TimelineEntry entry = timeline.of(c.getId()).getLast();
    assertThat(entry.details()).containsOnlyKeys("task", "jobKey", "formData");
    assertThat((Map<String, Object>) entry.details().get("formData")).containsEntry("reviewDecision", "REJECT");
    wireMock().verify(3, TasklistStubs.searchOf(instance));
  }

  @Test
  void aDecisionIsRecordedWithoutTheAgentWhenTasklistIsDown() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    // No Tasklist stub at all: the login is refused (404).

    recordDecision.record(task(AgentTask.EVIDENCE_REVIEW, newInstanceKey()), c.getId(), "APPROVE", null, null,
        null, null, null, null, null, null, null, null, null, null);

    assertThat(timeline.of(c.getId()).getLast().details()).containsOnlyKeys("task", "jobKey", "formData");
  }

  @Test
  void deductionAndManualRefundAreStoredOnTheCase() {
    AfterSalesCase c = TestCases.aReturn().build();
    c.refundCalculated(new Refund(new BigDecimal("179.00"), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
        BigDecimal.ZERO.setScale(2), new BigDecimal("179.00"), RefundStatus.DECLINED, c.getId() + ":refund",
        null, false, null));
    cases.save(c);

    recordDecision.record(task(AgentTask.REFUND_DEDUCTION), c.getId(), null, null, null, null, null,
        new BigDecimal("20"), "tag removed", null, null, null, null, null, null);
    recordDecision.record(task(AgentTask.MANUAL_REFUND), c.getId(), null, null, null, null, null, null, null,
        "BANK-TRANSFER-77", "paid by bank transfer", null, null, null, null);

    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getDeductionAmount()).isEqualTo(new BigDecimal("20.00"));
    assertThat(stored.getDeductionReason()).isEqualTo("tag removed");
    assertThat(stored.getRefund().orElseThrow().status()).isEqualTo(RefundStatus.MANUAL);
    assertThat(stored.getRefund().orElseThrow().refundId()).isEqualTo("BANK-TRANSFER-77");
  }

  @Test
  void anOverdueTaskIsRaisedGivenToTheSupervisorsAndTheyAreTold() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    long taskKey = instance + 44;
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.OPEN_REVIEW, instance, taskKey))
        .acceptsUserTaskUpdate(taskKey);

    escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId());

    assertThat(cases.require(c.getId()).isEscalated()).isTrue();
    wireMock().verify(1, TasklistStubs.searchOf(instance));
    wireMock().verify(1, TasklistStubs.userTaskUpdate(taskKey, 100, List.of("qc-team", "supervisors")));
    TimelineEntry breach = timeline.of(c.getId()).stream().filter(e -> e.summary().startsWith("SLA breached"))
        .findFirst().orElseThrow();
    assertThat(breach.kind()).isEqualTo(TimelineKind.HUMAN_TASK);
    assertThat(breach.details()).containsEntry("task", "evidence-review").containsEntry("taskUpdated", true)
        .containsEntry("taskId", String.valueOf(taskKey))
        .containsEntry("priority", Map.of("from", 80, "to", 100))
        .containsEntry("candidateGroups", List.of("qc-team", "supervisors"));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:TASK_OVERDUE:evidence-review"))
        .withRequestBody(matchingJsonPath("$.template", equalTo("TASK_OVERDUE")))
        .withRequestBody(matchingJsonPath("$.params.supervisorGroup", equalTo("supervisors"))));
  }

  @Test
  void aRedeliveredDecisionIsRecordedOnce() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.COMPLETED_REVIEW, instance, instance + 44));
    ActivatedJob job = task(AgentTask.EVIDENCE_REVIEW, instance);

    for (int delivery = 1; delivery <= 2; delivery++) {
      recordDecision.record(job, c.getId(), "APPROVE", null, "photos show the crack", null, null, null, null, null,
          null, null, null, null, null);
    }

    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("jobKey", job.getKey()));
  }

  @Test
  void aRedeliveredEscalationDoesNotUpdateTheTaskTwice() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    long taskKey = instance + 44;
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.OPEN_REVIEW, instance, taskKey))
        .acceptsUserTaskUpdate(taskKey);
    ActivatedJob job = overdue(AgentTask.EVIDENCE_REVIEW, instance);
    escalate.escalate(job, c.getId());
    // Tasklist now shows the escalated task; the job comes again (e.g. its completion was lost).
    tasklist.shows(instance, TasklistStubs.fixture(TasklistStubs.OPEN_REVIEW, instance, taskKey, t -> {
      t.put("priority", 100);
      t.putArray("candidateGroups").add("qc-team").add("supervisors");
    }));

    escalate.escalate(job, c.getId());

    wireMock().verify(1, TasklistStubs.anyUserTaskUpdate());
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.HUMAN_TASK)
        .extracting(TimelineEntry::summary).containsExactly("SLA breached: evidence-review overdue");
    wireMock().verify(2, postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:TASK_OVERDUE:evidence-review")));
    assertThat(timeline.of(c.getId()).getLast().summary()).isEqualTo("Notifications POST /notifications");
  }

  @Test
  void aTaskCompletedMeanwhileIsNotUpdated() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    tasklist.acceptsLogin().shows(instance, TasklistStubs.fixture(TasklistStubs.COMPLETED_REVIEW, instance, instance + 44));

    escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId());

    wireMock().verify(0, TasklistStubs.anyUserTaskUpdate());
    assertThat(timeline.of(c.getId())).anySatisfy(e -> assertThat(e.details())
        .containsEntry("taskUpdated", false).containsEntry("taskOpen", false));
  }

  @Test
  void anOverdueTaskTasklistDoesNotShowYetFailsTheJobForARetry() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long instance = newInstanceKey();
    tasklist.acceptsLogin().shows(instance, "[]");

    assertThatThrownBy(() -> escalate.escalate(overdue(AgentTask.EVIDENCE_REVIEW, instance), c.getId()))
        .hasMessageContaining("Tasklist shows no evidence-review task of process instance " + instance);
    assertThat(cases.require(c.getId()).isEscalated()).isFalse();
    wireMock().verify(0, TasklistStubs.anyUserTaskUpdate());
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

    recordDecision.record(task(AgentTask.CUSTOMER_CONTACT), c.getId(), null, null, null, null, null, null, null, null,
        null, "OTHER_VARIANT", "DRESS-XL", null, "agreed by phone");

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
  void aCustomerWhoWaitsKeepsTheVariant() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L").build());

    recordDecision.record(task(AgentTask.CUSTOMER_CONTACT), c.getId(), null, null, null, null, null, null, null, null,
        null, "WAIT", null, null, null);

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

  private static ActivatedJob task(AgentTask task) {
    return task(task, 0L);
  }

  private static ActivatedJob task(AgentTask task, long processInstanceKey) {
    return job(JobTypes.RECORD_AGENT_DECISION, "ServiceTask_Record", Map.of(Headers.TASK, task.id()), processInstanceKey);
  }

  private static ActivatedJob overdue(AgentTask task, long processInstanceKey) {
    return job(JobTypes.ESCALATE_OVERDUE_TASK, "ServiceTask_EscalateOverdueReview", Map.of(Headers.TASK, task.id()),
        processInstanceKey);
  }

  /** A process instance the test engine does not have: only the Tasklist stub knows its tasks. */
  private static long newInstanceKey() {
    return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
  }
}
