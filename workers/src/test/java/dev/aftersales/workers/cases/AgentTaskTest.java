package dev.aftersales.workers.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.File;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each human task the workers look up in Tasklist is the model's user task with that form. */
class AgentTaskTest {

  private static final BpmnModelInstance RETURNS = Bpmn.readModelFromFile(new File("bpmn/return-request.bpmn"));

  @ParameterizedTest
  @EnumSource(AgentTask.class)
  void elementIsTheUserTaskOfTheForm(AgentTask task) {
    UserTask userTask = RETURNS.getModelElementById(task.elementId());

    assertThat(userTask).as("user task %s in return-request.bpmn", task.elementId()).isNotNull();
    assertThat(userTask.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId()).isEqualTo(task.id());
  }
}
