package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskState;
import dev.aftersales.tasks.UserTaskException;
import dev.aftersales.tasks.UserTasks.TaskChanges;
import dev.aftersales.tasks.UserTasks.TaskQuery;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory engine's user-task adapter answers as the cluster's API does: a case's task found by the
 * case id of its process (also in a called process), its variables and form, and assign, update and
 * complete moving the real task and the process on; a command the engine rejects is an error.
 */
class EngineUserTasksTest {

  private static final String FORM = """
      {"id": "probe-form", "type": "default", "schemaVersion": 16,
       "components": [{"type": "textfield", "key": "decision", "label": "Decision"}]}""";

  private static ProcessTestEngine zeebe;
  private static EngineUserTasks tasks;

  @BeforeAll
  static void startEngine() {
    zeebe = ProcessTestEngine.start();
    tasks = new EngineUserTasks(zeebe);
    zeebe.client().newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("probe-child")
            .startEvent()
            .userTask("UserTask_CheckParcel").name("Check parcel").zeebeUserTask().zeebeFormId("probe-form")
            .zeebeCandidateGroups("qc-team").zeebeTaskPriority("40").zeebeDueDateExpression("=now() + duration(\"P1D\")")
            .endEvent("EndEvent_Checked")
            .done(), "probe-child.bpmn")
        .addProcessModel(Bpmn.createExecutableProcess("probe-parent")
            .startEvent()
            .callActivity("CallActivity_Check").zeebeProcessId("probe-child")
            .endEvent()
            .done(), "probe-parent.bpmn")
        .addResourceStringUtf8(FORM, "probe-form.form")
        .send().join();
  }

  @AfterAll
  static void stopEngine() {
    zeebe.close();
  }

  @Test
  void findsCaseTaskInCalledProcessWithVariablesAndForm() {
    long parent = start("case-find");
    zeebe.waitForIdle();

    List<HumanTask> found = tasks.search(TaskQuery.ofCase("case-find"));

    assertThat(found).singleElement().satisfies(task -> {
      assertThat(task.name()).isEqualTo("Check parcel");
      assertThat(task.elementId()).isEqualTo("UserTask_CheckParcel");
      assertThat(task.state()).isEqualTo(TaskState.CREATED);
      assertThat(task.candidateGroups()).containsExactly("qc-team");
      assertThat(task.priority()).isEqualTo(40);
      assertThat(task.formId()).isEqualTo("probe-form");
      assertThat(task.assignee()).isNull();
      assertThat(task.creationTime()).isNotNull();
      assertThat(task.dueDate()).isAfter(task.creationTime());
      assertThat(task.completionTime()).isNull();
      assertThat(zeebe.processInstanceTree(parent)).contains(task.processInstanceKey());
      assertThat(tasks.variables(task.userTaskKey())).containsEntry("caseId", "case-find")
          .containsEntry("orderId", "DEMO-1").containsEntry("amount", 79.5);
    });
    assertThat(tasks.search(TaskQuery.ofCase("another-case"))).isEmpty();
    assertThat(tasks.find(found.get(0).userTaskKey())).contains(found.get(0));
    assertThat(tasks.find(123L)).isEmpty();
  }

  @Test
  void assignUpdateAndCompleteMoveTheTaskAndTheProcessOn() {
    long parent = start("case-work");
    zeebe.waitForIdle();
    long key = tasks.search(TaskQuery.ofCase("case-work")).get(0).userTaskKey();

    tasks.assign(key, "agent-7");
    assertThat(tasks.search(new TaskQuery(null, "case-work", null, null, "agent-7", TaskState.CREATED)))
        .extracting(HumanTask::userTaskKey).containsExactly(key);

    Instant due = Instant.parse("2026-12-06T02:00:00Z");
    tasks.update(key, new TaskChanges(90, List.of("qc-team", "supervisors"), due));
    HumanTask updated = tasks.find(key).orElseThrow();
    assertThat(updated.priority()).isEqualTo(90);
    assertThat(updated.candidateGroups()).containsExactly("qc-team", "supervisors");
    assertThat(updated.dueDate()).isEqualTo(due);
    assertThat(updated.assignee()).isEqualTo("agent-7");
    assertThat(tasks.search(new TaskQuery(null, null, null, "supervisors", null, null)))
        .extracting(HumanTask::userTaskKey).contains(key);

    tasks.assign(key, null);
    assertThat(tasks.find(key).orElseThrow().assignee()).isNull();

    tasks.complete(key, Map.of("decision", "APPROVE"));
    HumanTask done = tasks.find(key).orElseThrow();
    assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(done.completionTime()).isNotNull();
    zeebe.waitForIdle();
    assertThat(new InspectedProcessInstance(parent)).isCompleted().hasVariableWithValue("decision", "APPROVE");
    assertThat(tasks.search(new TaskQuery(null, "case-work", null, null, null, TaskState.CREATED))).isEmpty();

    assertThatThrownBy(() -> tasks.complete(key, Map.of())).isInstanceOfSatisfying(UserTaskException.class,
        e -> assertThat(e.reason()).isEqualTo(UserTaskException.Reason.NOT_FOUND)).hasMessageContaining("rejected");
  }

  @Test
  void tasksOfOneProcessInstanceOnlyAndHighestPriorityFirst() {
    long first = start("case-order-1");
    start("case-order-2");
    zeebe.waitForIdle();
    long firstTask = tasks.search(TaskQuery.ofCase("case-order-1")).get(0).userTaskKey();
    long secondTask = tasks.search(TaskQuery.ofCase("case-order-2")).get(0).userTaskKey();
    tasks.update(secondTask, new TaskChanges(95, null, null));

    long child = zeebe.calledProcessInstanceKey(first, "probe-child");
    assertThat(tasks.search(TaskQuery.ofProcessInstance(child))).extracting(HumanTask::userTaskKey)
        .containsExactly(firstTask);
    List<Long> byPriority = tasks.search(new TaskQuery(null, null, "UserTask_CheckParcel", null, null,
        TaskState.CREATED)).stream().map(HumanTask::userTaskKey).filter(k -> k == firstTask || k == secondTask).toList();
    assertThat(byPriority).containsExactly(secondTask, firstTask);
  }

  @Test
  void theCaseOfATaskInACalledProcessIsTheCaseOfTheInstanceThatCalledIt() {
    long parent = start("case-root");
    long other = start("case-other");
    zeebe.waitForIdle();
    HumanTask task = tasks.search(TaskQuery.ofCase("case-root")).getFirst();
    HumanTask otherTask = tasks.search(TaskQuery.ofCase("case-other")).getFirst();

    Map<Long, String> caseIds = tasks.caseIds(List.of(task.processInstanceKey(), otherTask.processInstanceKey(), parent,
        404L));

    assertThat(task.processInstanceKey()).as("the called instance").isNotEqualTo(parent);
    assertThat(caseIds).containsEntry(task.processInstanceKey(), "case-root")
        .containsEntry(otherTask.processInstanceKey(), "case-other")
        .containsEntry(parent, "case-root")
        .doesNotContainKey(404L);
    assertThat(zeebe.processInstanceTree(other)).contains(otherTask.processInstanceKey());
  }

  /**
   * The index takes in each record of the engine's log once, however often it is asked: a search costs the records
   * written since the last one, not the whole log again (the local stack's task list, the mixed benchmark's agents
   * polling it).
   */
  @Test
  void eachSearchReadsOnlyTheRecordsWrittenSinceTheLastOne() {
    start("case-read-once");
    zeebe.waitForIdle();
    HumanTask task = tasks.search(TaskQuery.ofCase("case-read-once")).getFirst();
    int stream = streamSize();
    assertThat(tasks.recordsRead()).isEqualTo(stream);

    for (int i = 0; i < 5; i++) {
      assertThat(tasks.search(TaskQuery.ofCase("case-read-once"))).containsExactly(task);
      assertThat(tasks.variables(task.userTaskKey())).containsEntry("caseId", "case-read-once");
    }
    assertThat(tasks.recordsRead()).as("nothing new was written, so nothing was read again").isEqualTo(stream);

    start("case-read-later");
    zeebe.waitForIdle();
    assertThat(tasks.search(TaskQuery.ofCase("case-read-later"))).singleElement()
        .satisfies(later -> assertThat(tasks.variables(later.userTaskKey())).containsEntry("caseId", "case-read-later"));
    assertThat(tasks.recordsRead()).isEqualTo(streamSize()).isGreaterThan(stream);
  }

  private static int streamSize() {
    synchronized (zeebe) {
      int size = 0;
      for (var ignored : zeebe.records().records()) {
        size++;
      }
      return size;
    }
  }

  private static long start(String caseId) {
    return zeebe.client().newCreateInstanceCommand().bpmnProcessId("probe-parent").latestVersion()
        .variables(Map.of("caseId", caseId, "orderId", "DEMO-1", "amount", 79.5))
        .send().join().getProcessInstanceKey();
  }
}
