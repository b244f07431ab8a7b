package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.JobTypes;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test engine completes a Camunda user task the way the REST API would, and the process moves on;
 * a completing task listener's job carries the task's assignee (what note-task-completion relies on).
 */
class ProcessTestEngineTest {

  private static ProcessTestEngine zeebe;

  @BeforeAll
  static void startEngine() {
    zeebe = ProcessTestEngine.start();
  }

  @AfterAll
  static void stopEngine() {
    zeebe.close();
  }

  /**
   * ZPT's in-memory state is not safe for a reader beside the stream processor; the engine's two scheduled tasks
   * that run on an actor of their own must never run (ProcessTestEngine#withoutStateReadersBesideTheStreamProcessor).
   */
  @Test
  void noScheduledTaskReadsTheStateBesideTheStreamProcessor() {
    var configuration = ProcessTestEngine.engineConfiguration(zeebe.engine());

    assertThat(configuration.getBatchOperationSchedulerInterval()).isEqualTo(ProcessTestEngine.OFF);
    assertThat(configuration.getUsageMetricsExportInterval()).isEqualTo(ProcessTestEngine.OFF);
  }

  /**
   * The fault campaign's agents read every record while the backoff check reads the jobs and the engine writes: the
   * two readers must each get the records, never a ConcurrentModificationException (ZPT's own source hands out the
   * list it appends to; the campaign's agents died of it in CI).
   */
  @Test
  void twoThreadsReadTheRecordsWhileTheEngineWrites() throws Exception {
    zeebe.client().newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("records-probe")
        .startEvent().endEvent().done(), "records-probe.bpmn").send().join();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = threads.submit(() -> {
        Instant until = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(until)) {
          zeebe.client().newCreateInstanceCommand().bpmnProcessId("records-probe").latestVersion().send().join();
        }
        writing.set(false);
      });
      Callable<Long> allRecords = () -> {
        long passes = 0;
        while (writing.get()) {
          long seen = 0;
          for (Record<?> ignored : zeebe.records().records()) {
            seen++;
          }
          assertThat(seen).isPositive();
          passes++;
        }
        return passes;
      };
      Callable<Long> instanceRecords = () -> {
        long passes = 0;
        while (writing.get()) {
          zeebe.records().processInstanceRecords().forEach(r -> { });
          passes++;
        }
        return passes;
      };
      Future<Long> everything = threads.submit(allRecords);
      Future<Long> instances = threads.submit(instanceRecords);

      writer.get(30, TimeUnit.SECONDS);
      assertThat(everything.get(30, TimeUnit.SECONDS)).isPositive();
      assertThat(instances.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      writing.set(false);
      threads.shutdownNow();
    }
  }

  @Test
  void completesUserTaskWithFormDataAndProcessContinues() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("user-task-probe")
        .startEvent()
        .userTask("UserTask_Probe").zeebeUserTask().zeebeCandidateGroups("qc-team")
        .exclusiveGateway().defaultFlow()
        .endEvent("EndEvent_Done")
        .done();
    zeebe.client().newDeployResourceCommand().addProcessModel(model, "probe.bpmn").send().join();
    long key = zeebe.client().newCreateInstanceCommand().bpmnProcessId("user-task-probe").latestVersion()
        .variables(Map.of("caseId", "c-1")).send().join().getProcessInstanceKey();

    assertThat(zeebe.requireOpenUserTask(key, "UserTask_Probe").getCandidateGroupsList()).containsExactly("qc-team");
    zeebe.completeUserTask(key, "UserTask_Probe", Map.of("reviewDecision", "APPROVE"));

    assertThat(new InspectedProcessInstance(key)).isCompleted().hasPassedElement("EndEvent_Done")
        .hasVariableWithValue("reviewDecision", "APPROVE");
    assertThat(zeebe.openUserTask(key, "UserTask_Probe")).isEmpty();
  }

  @Test
  void aCompletingListenerJobCarriesTheAssigneeAndTheTaskCompletesAfterIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("listener-probe")
        .startEvent()
        .userTask("UserTask_Listened").zeebeUserTask()
        .zeebeTaskListener(l -> l.completing().type(JobTypes.NOTE_TASK_COMPLETION))
        .endEvent("EndEvent_Listened")
        .done();
    zeebe.client().newDeployResourceCommand().addProcessModel(model, "listener-probe.bpmn").send().join();
    long key = zeebe.client().newCreateInstanceCommand().bpmnProcessId("listener-probe").latestVersion()
        .variables(Map.of("caseId", "c-2")).send().join().getProcessInstanceKey();
    long taskKey = zeebe.requireOpenUserTask(key, "UserTask_Listened").getUserTaskKey();

    zeebe.assignUserTask(key, "UserTask_Listened", "agent-7");
    zeebe.completeUserTask(key, "UserTask_Listened", Map.of("reviewDecision", "REJECT"));
    assertThat(new InspectedProcessInstance(key)).isActive();

    ActivatedJob listener = zeebe.activateJob(JobTypes.NOTE_TASK_COMPLETION);
    // The engine names the task in the job's headers; ZPT's gateway leaves the job's userTask empty.
    assertThat(listener.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:action", "complete")
        .containsEntry("io.camunda.zeebe:assignee", "agent-7")
        .containsEntry("io.camunda.zeebe:userTaskKey", String.valueOf(taskKey));
    assertThat(listener.getElementId()).isEqualTo("UserTask_Listened");
    assertThat(listener.getVariablesAsMap()).as("the completion's variables").containsEntry("reviewDecision", "REJECT");
    zeebe.client().newCompleteCommand(listener.getKey()).send().join();
    zeebe.waitForIdle();

    assertThat(new InspectedProcessInstance(key)).isCompleted().hasPassedElement("EndEvent_Listened");
  }

  /**
   * camunda/camunda#16884 on this engine: a job failed again and again with a short backoff is, sooner or later,
   * stranded (its recur rejected in the millisecond its backoff ended, and no check planned after it); {@link
   * ProcessTestEngine#recurJobsStrandedInBackoff} finds it and the engine offers it again. The other jobs: none found.
   */
  @Test
  void aJobStrandedInItsBackoffIsFoundAndOfferedAgain() throws InterruptedException {
    assertThat(zeebe.recurJobsStrandedInBackoff()).isEmpty();
    zeebe.client().newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("backoff-probe")
        .startEvent().serviceTask("Task_Flaky", t -> t.zeebeJobType("flaky-probe")).endEvent().done(), "backoff-probe.bpmn")
        .send().join();
    long instance = zeebe.client().newCreateInstanceCommand().bpmnProcessId("backoff-probe").latestVersion().send().join()
        .getProcessInstanceKey();

    long stranded = 0;
    for (int attempt = 0; attempt < 200 && stranded == 0; attempt++) {
      ActivatedJob job = activateWithin(Duration.ofSeconds(1));
      if (job == null) { // not offered again within a second: stranded, or only slow
        stranded = strandedJobOf(instance);
        continue;
      }
      zeebe.client().newFailCommand(job.getKey()).retries(3).retryBackoff(Duration.ofMillis(50 + attempt % 7 * 10))
          .errorMessage("flaky").send().join();
    }
    Assumptions.assumeTrue(stranded != 0, "the engine stranded no job in 200 backoffs this time");
    Thread.sleep(2_100); // found only once the rejection is 2 s old: a recur on its way is not taken for stranded

    assertThat(zeebe.recurJobsStrandedInBackoff()).containsExactly(stranded);
    assertThat(activateWithin(Duration.ofSeconds(5))).isNotNull().extracting(ActivatedJob::getKey).isEqualTo(stranded);
    assertThat(zeebe.recurJobsStrandedInBackoff()).isEmpty();
  }

  /** The probe's job, asked for every 10 ms (this engine's gateway answers at once); null when none came in time. */
  private static ActivatedJob activateWithin(Duration wait) throws InterruptedException {
    Instant deadline = Instant.now().plus(wait);
    do {
      List<ActivatedJob> jobs = zeebe.client().newActivateJobsCommand().jobType("flaky-probe").maxJobsToActivate(1)
          .send().join().getJobs();
      if (!jobs.isEmpty()) {
        return jobs.getFirst();
      }
      Thread.sleep(10);
    } while (Instant.now().isBefore(deadline));
    return null;
  }

  /** The job of the instance whose latest record is a rejected recur; 0 when there is none. */
  private static long strandedJobOf(long instance) {
    Map<Long, Record<JobRecordValue>> latest = new HashMap<>();
    zeebe.records().jobRecords().forEach(r -> {
      if (r.getValue().getProcessInstanceKey() == instance) {
        latest.put(r.getKey(), r);
      }
    });
    return latest.values().stream().filter(r -> r.getRecordType() == RecordType.COMMAND_REJECTION
        && r.getIntent() == JobIntent.RECUR_AFTER_BACKOFF).mapToLong(Record::getKey).findFirst().orElse(0);
  }
}
