package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test engine completes a Camunda user task the way Tasklist would, and the process moves on. */
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
}
