package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.JobTypes;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
}
