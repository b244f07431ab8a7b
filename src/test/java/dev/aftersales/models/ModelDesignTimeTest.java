package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the engine and the Modeler would reject or what a process owner would miss, checked before
 * anything is deployed: engine design-time validation, the user-task rules, diagram layout, and
 * that the model and the Java constants agree.
 */
class ModelDesignTimeTest {

  private static final Path MODELS = Path.of("bpmn");
  private static final Path FORMS = Path.of("forms");

  static List<Path> bpmnFiles() {
    try (Stream<Path> files = Files.walk(MODELS)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BpmnModelInstance read(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void thereAreModels() {
    assertThat(bpmnFiles()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void passesTheEnginesDesignTimeValidation(final Path file) {
    final BpmnModelInstance model = read(file);

    Bpmn.validateModel(model);
    final ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);

    final String report =
        results.getResults().values().stream()
            .flatMap(List::stream)
            .map(r -> "%s %s: %s".formatted(r.getType(), id(r.getElement()), r.getMessage()))
            .collect(Collectors.joining("\n"));
    assertThat(results.hasErrors()).as(report).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyUserTaskHasFormDueDateGroupsPriorityAndEscalation(final Path file) {
    final BpmnModelInstance model = read(file);

    for (final UserTask task : model.getModelElementsByType(UserTask.class)) {
      final String id = task.getId();
      assertThat(extension(task, ZeebeUserTask.class)).as("%s is a Camunda user task", id).isNotNull();

      final ZeebeFormDefinition form = extension(task, ZeebeFormDefinition.class);
      assertThat(form).as("%s has a form", id).isNotNull();
      assertThat(form.getFormId()).as("%s form id", id).isNotBlank();
      assertThat(form.getBindingType()).as("%s form binding", id).isEqualTo(ZeebeBindingType.deployment);
      assertThat(FORMS.resolve(form.getFormId() + ".form")).as("%s form file", id).exists();

      final ZeebeTaskSchedule schedule = extension(task, ZeebeTaskSchedule.class);
      assertThat(schedule).as("%s has a schedule", id).isNotNull();
      assertThat(schedule.getDueDate()).as("%s due date", id).isNotBlank();

      final ZeebeAssignmentDefinition assignment = extension(task, ZeebeAssignmentDefinition.class);
      assertThat(assignment).as("%s has an assignment", id).isNotNull();
      assertThat(assignment.getCandidateGroups()).as("%s candidate groups", id).isNotBlank();

      assertThat(extension(task, ZeebePriorityDefinition.class)).as("%s priority", id).isNotNull();

      // Who completed the task reaches the timeline through this listener (NoteTaskCompletionWorker).
      assertThat(task.getChildElementsByType(ExtensionElements.class).stream()
              .flatMap(e -> e.getChildElementsByType(ZeebeTaskListeners.class).stream())
              .flatMap(l -> l.getChildElementsByType(ZeebeTaskListener.class).stream()))
          .as("%s has a completing listener %s", id, JobTypes.NOTE_TASK_COMPLETION)
          .anySatisfy(l -> {
            assertThat(l.getEventType()).isEqualTo(ZeebeTaskListenerEventType.completing);
            assertThat(l.getType()).isEqualTo(JobTypes.NOTE_TASK_COMPLETION);
          });

      assertThat(model.getModelElementsByType(BoundaryEvent.class))
          .as("%s has a non-interrupting timer boundary event", id)
          .anySatisfy(
              boundary -> {
                assertThat(boundary.getAttachedTo()).isSameAs(task);
                assertThat(boundary.cancelActivity()).isFalse();
                assertThat(boundary.getEventDefinitions())
                    .singleElement()
                    .isInstanceOf(TimerEventDefinition.class);
                assertThat(boundary.getOutgoing()).isNotEmpty();
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyElementHasDiagramLayout(final Path file) {
    final BpmnModelInstance model = read(file);
    final Set<String> shapes =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(shape -> shape.getBpmnElement().getId())
            .collect(Collectors.toSet());
    final Set<String> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(edge -> edge.getBpmnElement().getId())
            .collect(Collectors.toSet());

    assertThat(model.getModelElementsByType(FlowNode.class))
        .extracting(BaseElement::getId)
        .allSatisfy(id -> assertThat(shapes).as("shape of %s", id).contains(id));
    assertThat(model.getModelElementsByType(SequenceFlow.class))
        .extracting(BaseElement::getId)
        .allSatisfy(id -> assertThat(edges).as("edge of %s", id).contains(id));
  }

  /**
   * The step that records an agent's decision takes the task that completed last in its process
   * instance (TaskCompletions): so it must come right after its own user task, whose form its header
   * names, and its job type is the one of that form.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyRecordingStepFollowsItsUserTaskDirectly(final Path file) {
    // a refund by hand is recorded on the case's refund, or on its late payment (late-payment-refund.bpmn)
    final Map<String, Set<String>> recorderOfForm = Map.of(
        "evidence-review", Set.of(JobTypes.RECORD_EVIDENCE_REVIEW),
        "barcode-mismatch", Set.of(JobTypes.RECORD_BARCODE_MISMATCH),
        "refund-deduction", Set.of(JobTypes.RECORD_REFUND_DEDUCTION),
        "manual-refund", Set.of(JobTypes.RECORD_MANUAL_REFUND, JobTypes.RECORD_MANUAL_LATE_REFUND),
        "customer-contact", Set.of(JobTypes.RECORD_CUSTOMER_ANSWER),
        "late-parcel", Set.of(JobTypes.RECORD_LATE_PARCEL_DECISION),
        "exception-review", Set.of(JobTypes.RECORD_EXCEPTION_REVIEW));
    final BpmnModelInstance model = read(file);
    for (final UserTask task : model.getModelElementsByType(UserTask.class)) {
      final String formId = extension(task, ZeebeFormDefinition.class).getFormId();
      assertThat(recorderOfForm).as("form %s of %s has a recording step", formId, task.getId()).containsKey(formId);
      assertThat(task.getOutgoing()).as("%s leaves by one flow", task.getId()).singleElement()
          .satisfies(flow -> {
            final FlowNode next = flow.getTarget();
            final ZeebeTaskDefinition definition = extension(next, ZeebeTaskDefinition.class);
            assertThat(definition).as("%s is followed by a service task", task.getId()).isNotNull();
            assertThat(definition.getType()).as("the step after %s", task.getId()).isIn(recorderOfForm.get(formId));
            assertThat(extension(next, ZeebeTaskHeaders.class).getHeaders())
                .anySatisfy(h -> {
                  assertThat(h.getKey()).isEqualTo(Headers.TASK);
                  assertThat(h.getValue()).isEqualTo(formId);
                });
          });
    }
  }

  @Test
  void jobTypesOfTheModelsAreExactlyTheJobTypesConstants() {
    final Set<String> used = new TreeSet<>();
    for (final Path file : bpmnFiles()) {
      read(file).getModelElementsByType(ZeebeTaskDefinition.class).stream()
          .map(ZeebeTaskDefinition::getType)
          .forEach(used::add);
      read(file).getModelElementsByType(ZeebeTaskListener.class).stream()
          .map(ZeebeTaskListener::getType)
          .forEach(used::add);
      read(file).getModelElementsByType(ZeebeExecutionListener.class).stream()
          .map(ZeebeExecutionListener::getType)
          .forEach(used::add);
    }
    final Set<String> constants = constants(JobTypes.class);

    assertThat(used).as("job types used by the models").isSubsetOf(constants);
    assertThat(constants).as("JobTypes constants used by some model").isSubsetOf(used);
  }

  @Test
  void messagesAndErrorCodesOfTheModelsAreConstants() {
    final Set<String> messages = new TreeSet<>();
    final Set<String> errorCodes = new TreeSet<>();
    for (final Path file : bpmnFiles()) {
      final BpmnModelInstance model = read(file);
      model.getModelElementsByType(Message.class).forEach(m -> messages.add(m.getName()));
      model.getModelElementsByType(Error.class).forEach(e -> errorCodes.add(e.getErrorCode()));
    }

    assertThat(messages).isSubsetOf(constants(Messages.class));
    assertThat(errorCodes).isSubsetOf(constants(ErrorCodes.class));
  }

  /**
   * A call activity calls a process of this project and catches, by its code, every error that
   * process can end with (rule 6: explicit error boundaries, no catch-all); every error event names
   * its error.
   */
  @Test
  void callActivitiesCatchEveryErrorTheirCalledProcessEndsWith() {
    final Map<String, BpmnModelInstance> byProcessId = new HashMap<>();
    for (final Path file : bpmnFiles()) {
      final BpmnModelInstance model = read(file);
      model.getModelElementsByType(Process.class).forEach(p -> byProcessId.put(p.getId(), model));
    }
    int callActivities = 0;
    for (final BpmnModelInstance model : byProcessId.values()) {
      for (final ErrorEventDefinition error : model.getModelElementsByType(ErrorEventDefinition.class)) {
        assertThat(error.getError()).as("error event %s names its error", id(error.getParentElement())).isNotNull();
        assertThat(error.getError().getErrorCode()).as("error code of %s", id(error.getParentElement())).isNotBlank();
      }
      for (final CallActivity call : model.getModelElementsByType(CallActivity.class)) {
        callActivities++;
        final String calledId = extension(call, ZeebeCalledElement.class).getProcessId();
        assertThat(byProcessId).as("%s calls a process of the project", call.getId()).containsKey(calledId);
        final Set<String> thrown = byProcessId.get(calledId).getModelElementsByType(EndEvent.class).stream()
            .flatMap(end -> end.getEventDefinitions().stream())
            .filter(ErrorEventDefinition.class::isInstance)
            .map(def -> ((ErrorEventDefinition) def).getError().getErrorCode())
            .collect(Collectors.toCollection(TreeSet::new));
        final Set<String> caught = model.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(boundary -> boundary.getAttachedTo() == call)
            .flatMap(boundary -> boundary.getEventDefinitions().stream())
            .filter(ErrorEventDefinition.class::isInstance)
            .map(def -> ((ErrorEventDefinition) def).getError().getErrorCode())
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(caught).as("errors of %s caught on %s", calledId, call.getId()).isEqualTo(thrown);
      }
    }
    assertThat(callActivities).as("return-request and exchange-request call return-goods").isGreaterThanOrEqualTo(2);
  }

  private static <T extends BpmnModelElementInstance> T extension(
      final BaseElement element, final Class<T> type) {
    return element.getSingleExtensionElement(type);
  }

  private static String id(final ModelElementInstance element) {
    return element instanceof BaseElement base ? base.getId() : String.valueOf(element);
  }

  private static Set<String> constants(final Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(ModelDesignTimeTest::value)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String value(final Field field) {
    try {
      return (String) field.get(null);
    } catch (final IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
