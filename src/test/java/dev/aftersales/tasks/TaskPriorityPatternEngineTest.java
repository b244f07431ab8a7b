package dev.aftersales.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine behaviour the task-priority pattern (docs/task-priority.md) relies on, proven on the real
 * engine with a minimal model: what a start execution listener's job completes with is local to the user
 * task, is there before the task's due date, priority and boundary timer are evaluated, and the
 * escalation cycle {@code R2/<dueDate>/<SLA>} fires at the due date, once more one SLA later, then never.
 */
class TaskPriorityPatternEngineTest {

  private static final String MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          id="Definitions_Probe" targetNamespace="http://aftersales.dev/probe">
        <bpmn:process id="task-priority-probe" isExecutable="true">
          <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
          <bpmn:userTask id="Task" name="Review">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:taskHeaders><zeebe:header key="taskKind" value="evidence-review" /></zeebe:taskHeaders>
              <zeebe:executionListeners>
                <zeebe:executionListener eventType="start" type="probe-prioritize" />
              </zeebe:executionListeners>
              <zeebe:taskSchedule dueDate="=taskSla.dueDate" />
              <zeebe:priorityDefinition priority="=taskSla.priority" />
            </bpmn:extensionElements>
            <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:boundaryEvent id="Overdue" cancelActivity="false" attachedToRef="Task">
            <bpmn:outgoing>F3</bpmn:outgoing>
            <bpmn:timerEventDefinition>
              <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">=taskSla.escalations</bpmn:timeCycle>
            </bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:sequenceFlow id="F3" sourceRef="Overdue" targetRef="Escalate" />
          <bpmn:serviceTask id="Escalate">
            <bpmn:extensionElements><zeebe:taskDefinition type="probe-escalate" /></bpmn:extensionElements>
            <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="F4" sourceRef="Escalate" targetRef="Escalated" />
          <bpmn:endEvent id="Escalated"><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
          <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
          <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private ProcessTestEngine zeebe;
  private long instance;
  private Instant dueDate;

  @BeforeEach
  void startTaskWhoseListenerSetsItsSla() {
    zeebe = ProcessTestEngine.start();
    zeebe.client().newDeployResourceCommand().addResourceStringUtf8(MODEL, "task-priority-probe.bpmn")
        .requestTimeout(Duration.ofSeconds(60)).send().join();
    instance = zeebe.client().newCreateInstanceCommand().bpmnProcessId("task-priority-probe").latestVersion()
        .variables(Map.of("caseId", "case-1")).send().join().getProcessInstanceKey();

    ActivatedJob listener = zeebe.activateJob("probe-prioritize");
    assertThat(listener.getCustomHeaders()).as("the listener job carries the task's headers")
        .containsEntry("taskKind", "evidence-review");
    dueDate = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    zeebe.client().newCompleteCommand(listener.getKey()).variables(Map.of("taskSla", Map.of(
        "priority", 90, "dueDate", dueDate.toString(), "escalations", "R2/" + dueDate + "/PT2H"))).send().join();
    zeebe.waitForIdle();
  }

  @AfterEach
  void stopEngine() {
    zeebe.close();
  }

  @Test
  void theTaskTakesItsDueDateAndPriorityFromTheListenersVariable() {
    UserTaskRecordValue task = zeebe.requireOpenUserTask(instance, "Task");

    assertThat(task.getPriority()).isEqualTo(90);
    assertThat(OffsetDateTime.parse(task.getDueDate()).toInstant()).isEqualTo(dueDate);
  }

  @Test
  void theListenersVariableIsLocalToTheTask() {
    UserTaskRecordValue task = zeebe.requireOpenUserTask(instance, "Task");
    List<Record<VariableRecordValue>> created = StreamSupport.stream(zeebe.records().records().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.VARIABLE && r.getIntent() == VariableIntent.CREATED)
        .map(r -> {
          @SuppressWarnings("unchecked")
          Record<VariableRecordValue> v = (Record<VariableRecordValue>) r;
          return v;
        })
        .filter(r -> r.getValue().getName().equals("taskSla"))
        .toList();

    assertThat(created).hasSize(1);
    assertThat(created.getFirst().getValue().getScopeKey()).isEqualTo(task.getElementInstanceKey());
  }

  @Test
  void theEscalationTimerFiresAtTheDueDateOnceMoreOneSlaLaterThenNever() {
    zeebe.increaseTime(Duration.between(Instant.now(), dueDate).minusMinutes(5));
    assertThat(escalationsActivated()).as("before the due date").isZero();

    zeebe.increaseTime(Duration.ofMinutes(10));
    assertThat(escalationsActivated()).as("at the due date: level 1").isEqualTo(1);

    zeebe.increaseTime(Duration.ofHours(2));
    assertThat(escalationsActivated()).as("one SLA later: level 2").isEqualTo(1);

    zeebe.increaseTime(Duration.ofHours(8));
    assertThat(escalationsActivated()).as("never a third time").isZero();
    assertThat(zeebe.openUserTask(instance, "Task")).as("the task stays open with the agent's work").isPresent();
  }

  private int escalationsActivated() {
    return zeebe.client().newActivateJobsCommand().jobType("probe-escalate").maxJobsToActivate(5)
        .timeout(Duration.ofDays(1)).send().join().getJobs().size();
  }
}
