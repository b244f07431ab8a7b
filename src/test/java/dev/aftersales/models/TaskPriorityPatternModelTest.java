package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.tasks.TaskSla;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every user task of every BPMN follows the task-priority pattern (docs/task-priority.md): its priority,
 * due date and escalation timer read the one variable {@code taskSla} that its {@code prioritize-task}
 * start listener sets from the decision task-priority, which has a row for the task's kind; one small
 * escalation stub per task.
 */
class TaskPriorityPatternModelTest {

  private static final Path DECISION = Path.of("bpmn", "task-priority.dmn");

  static List<Path> bpmnFiles() {
    return ModelDesignTimeTest.bpmnFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyUserTaskTakesPriorityDueDateAndEscalationFromTaskPriority(Path file) {
    BpmnModelInstance model = read(file);
    Set<String> kindsWithARow = taskKindsWithARow();

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String id = task.getId();
      String kind = header(task, Headers.TASK_KIND).orElse(null);
      assertThat(kind).as("%s has a %s header", id, Headers.TASK_KIND).isNotBlank();
      assertThat(kindsWithARow).as("task-priority.dmn has a row for the kind of %s", id).contains(kind);

      assertThat(task.getSingleExtensionElement(ZeebeExecutionListeners.class)).as("%s listeners", id).isNotNull();
      assertThat(task.getSingleExtensionElement(ZeebeExecutionListeners.class)
              .getChildElementsByType(ZeebeExecutionListener.class))
          .as("%s has the start listener %s", id, JobTypes.PRIORITIZE_TASK)
          .anySatisfy(l -> {
            assertThat(l.getEventType()).isEqualTo(ZeebeExecutionListenerEventType.start);
            assertThat(l.getType()).isEqualTo(JobTypes.PRIORITIZE_TASK);
          });

      assertThat(task.getSingleExtensionElement(ZeebeTaskSchedule.class).getDueDate())
          .as("%s due date", id).isEqualTo("=" + TaskSla.VARIABLE + ".dueDate");
      assertThat(task.getSingleExtensionElement(ZeebePriorityDefinition.class).getPriority())
          .as("%s priority", id).isEqualTo("=" + TaskSla.VARIABLE + ".priority");

      List<BoundaryEvent> escalations = model.getModelElementsByType(BoundaryEvent.class).stream()
          .filter(b -> b.getAttachedTo() == task && !b.cancelActivity())
          .filter(b -> b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance))
          .toList();
      assertThat(escalations).as("%s has one non-interrupting escalation timer", id).hasSize(1);
      BoundaryEvent escalation = escalations.getFirst();
      TimerEventDefinition timer = (TimerEventDefinition) escalation.getEventDefinitions().iterator().next();
      assertThat(timer.getTimeCycle()).as("%s escalation timer is a cycle", id).isNotNull();
      assertThat(timer.getTimeCycle().getTextContent()).as("%s escalation timer", id)
          .isEqualTo("=" + TaskSla.VARIABLE + ".escalations");

      assertThat(escalation.getOutgoing()).as("%s escalation path", id).hasSize(1);
      FlowNode next = escalation.getOutgoing().iterator().next().getTarget();
      assertThat(next).as("%s escalation step", id).isInstanceOf(ServiceTask.class);
      assertThat(next.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
          .isEqualTo(JobTypes.ESCALATE_OVERDUE_TASK);
      assertThat(header(next, Headers.TASK)).as("%s escalation step names its form", id)
          .contains(task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId());
    }
  }

  private static Optional<String> header(FlowNode node, String key) {
    ZeebeTaskHeaders headers = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (headers == null) {
      return Optional.empty();
    }
    return headers.getHeaders().stream().filter(h -> key.equals(h.getKey())).map(ZeebeHeader::getValue).findFirst();
  }

  /** The task kinds task-priority names in its task-kind column ("-" rows match any kind and do not count). */
  static Set<String> taskKindsWithARow() {
    try (InputStream in = Files.newInputStream(DECISION)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document dmn = factory.newDocumentBuilder().parse(in);
      NodeList inputs = dmn.getElementsByTagNameNS("*", "input");
      int column = -1;
      for (int i = 0; i < inputs.getLength(); i++) {
        Element input = (Element) inputs.item(i);
        if (input.getElementsByTagNameNS("*", "text").item(0).getTextContent().trim().equals("taskKind")) {
          column = i;
        }
      }
      assertThat(column).as("task-priority has a taskKind input").isNotNegative();
      Set<String> kinds = new HashSet<>();
      NodeList rules = dmn.getElementsByTagNameNS("*", "rule");
      Pattern quoted = Pattern.compile("\"([^\"]+)\"");
      for (int i = 0; i < rules.getLength(); i++) {
        Element entry = (Element) ((Element) rules.item(i)).getElementsByTagNameNS("*", "inputEntry").item(column);
        Matcher m = quoted.matcher(entry.getTextContent());
        while (m.find()) {
          kinds.add(m.group(1));
        }
      }
      return kinds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + DECISION, e);
    }
  }

  private static BpmnModelInstance read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
