package dev.aftersales.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseFacts.ItemFact;
import dev.aftersales.cases.Reason;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessPathTest;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The task-priority pattern on a real process (late-parcel: one agent task, "Decide on late parcel"): the
 * task's priority and due date come from the decision task-priority for the case's customer tier, the
 * escalation fires at the due date and once more one SLA later, and a process owner's edit of the decision
 * table changes the due date without any Java change (docs/task-priority.md).
 */
class TaskPriorityProcessTest extends ProcessPathTest {

  private static final String DECIDE = "UserTask_DecideOnLateParcel";
  private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

  @Test
  void aVipCustomersTaskIsDueInTwoHoursAndComesBeforeANormalOne() {
    zeebe.withCaseFact("customerTier", "VIP2");
    UserTaskRecordValue vip = zeebe.requireOpenUserTask(lateParcelReceived(), DECIDE);

    assertThat(vip.getPriority()).isEqualTo(90);
    assertThat(dueIn(vip)).isCloseTo(Duration.ofHours(2), CLOCK_TOLERANCE);
  }

  @Test
  void aNormalCustomersTaskIsDueInADay() {
    UserTaskRecordValue normal = zeebe.requireOpenUserTask(lateParcelReceived(), DECIDE);

    assertThat(normal.getPriority()).isEqualTo(60);
    assertThat(dueIn(normal)).isCloseTo(Duration.ofHours(24), CLOCK_TOLERANCE);
  }

  @Test
  void anUrgentCasesTaskGetsTheTopPriority() {
    zeebe.withCaseFact("urgent", true);
    UserTaskRecordValue urgent = zeebe.requireOpenUserTask(lateParcelReceived(), DECIDE);

    assertThat(urgent.getPriority()).isEqualTo(100);
    assertThat(dueIn(urgent)).isCloseTo(Duration.ofHours(6), CLOCK_TOLERANCE);
  }

  @Test
  void anOverdueTaskIsEscalatedAtItsDueDateAndOnceMoreOneSlaPeriodLater() {
    zeebe.withCaseFact("customerTier", "VIP1");
    long key = lateParcelReceived();
    long taskKey = zeebe.requireOpenUserTask(key, DECIDE).getUserTaskKey();

    zeebe.increaseTime(Duration.ofMinutes(110));
    assertThat(escalations()).as("before the due date").isEmpty();
    zeebe.increaseTime(Duration.ofMinutes(15));
    assertThat(escalations()).as("at the due date: the supervisors").singleElement()
        .satisfies(job -> assertThat(job.getCustomHeaders()).containsEntry(Headers.TASK, "late-parcel"));
    zeebe.increaseTime(Duration.ofMinutes(100));
    assertThat(escalations()).as("not yet one SLA later").isEmpty();
    zeebe.increaseTime(Duration.ofMinutes(30));
    assertThat(escalations()).as("one SLA period later: the managers").hasSize(1);
    zeebe.increaseTime(Duration.ofDays(2));
    assertThat(escalations()).as("no third level").isEmpty();

    assertThat(zeebe.requireOpenUserTask(key, DECIDE).getUserTaskKey()).as("the task stays with the agent")
        .isEqualTo(taskKey);
  }

  @Test
  void aVipSlaChangedInTheDecisionTableMovesTheDueDateWithoutJavaChanges() throws Exception {
    String table = Files.readString(Path.of("bpmn", "task-priority.dmn"), StandardCharsets.UTF_8);
    String vipRow = table.substring(table.indexOf("<rule id=\"Rule_Vip\">"), table.indexOf("</rule>",
        table.indexOf("<rule id=\"Rule_Vip\">")));
    String edited = vipRow.replace(
        "<outputEntry id=\"LiteralExpression_VipSlaHours\">\n          <text>2</text>",
        "<outputEntry id=\"LiteralExpression_VipSlaHours\">\n          <text>4</text>");
    assertThat(edited).as("the VIP row's SLA cell").isNotEqualTo(vipRow);
    zeebe.client().newDeployResourceCommand()
        .addResourceStringUtf8(table.replace(vipRow, edited), "task-priority.dmn")
        .requestTimeout(Duration.ofSeconds(60)).send().join();
    zeebe.withCaseFact("customerTier", "VIP3");

    UserTaskRecordValue vip = zeebe.requireOpenUserTask(lateParcelReceived(), DECIDE);

    assertThat(dueIn(vip)).isCloseTo(Duration.ofHours(4), CLOCK_TOLERANCE);
    zeebe.increaseTime(Duration.ofMinutes(230));
    assertThat(escalations()).as("the escalation timer follows the same SLA").isEmpty();
    zeebe.increaseTime(Duration.ofMinutes(15));
    assertThat(escalations()).hasSize(1);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Duration dueIn(UserTaskRecordValue task) {
    return Duration.between(zeebe.now(), OffsetDateTime.parse(task.getDueDate()).toInstant());
  }

  private List<ActivatedJob> escalations() {
    List<ActivatedJob> jobs = zeebe.client().newActivateJobsCommand().jobType(JobTypes.ESCALATE_OVERDUE_TASK)
        .maxJobsToActivate(5).timeout(Duration.ofDays(30)).send().join().getJobs();
    jobs.forEach(job -> zeebe.client().newCompleteCommand(job.getKey()).send().join());
    zeebe.waitForIdle();
    return jobs;
  }

  /** What the agent's form shows of the case, as {@code LateParcels} hands it to the process. */
  private static final CaseFacts CASE_FACTS = new CaseFacts("TMALL", "O-1", Reason.NO_REASON, "too small", 16L, 7,
      true, null, "NO_REASON unopened within 7 days", List.of(new ItemFact("DRESS-M", "Summer dress M", 1)), List.of());

  /** A late parcel as {@code LateParcels} reports it; the instance it started, waiting at the agent's task. */
  private long lateParcelReceived() {
    zeebe.client().newPublishMessageCommand().messageName(Messages.LATE_PARCEL_RECEIVED).correlationKey(caseId)
        .messageId(caseId + ":" + Messages.LATE_PARCEL_RECEIVED).timeToLive(Duration.ofDays(7))
        .variables(Map.of("caseId", caseId, "orderId", "O-1", "paidByInstallments", false, "caseFacts", CASE_FACTS))
        .send().join();
    zeebe.waitForIdle();
    return StreamSupport.stream(zeebe.records().processInstanceRecords().spliterator(), false)
        .filter(r -> r.getValue().getBpmnProcessId().equals(ProcessIds.LATE_PARCEL))
        .map(r -> r.getValue().getProcessInstanceKey()).findFirst().orElseThrow();
  }
}
