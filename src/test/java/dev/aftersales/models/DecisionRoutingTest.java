package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.models.DmnFiles.Decision;
import dev.aftersales.models.DmnFiles.Output;
import dev.aftersales.process.JobTypes;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every business rule task evaluates its decision the same way (bound to the deployment, facts from the
 * start listener, evaluation recorded by the end listener), its decision reads only the facts, and the
 * gateway after it routes every outcome the decision can give, with a default flow to an agent for an
 * outcome a process owner adds later (docs/decisions.md).
 */
class DecisionRoutingTest {

  static List<Path> bpmnFiles() {
    return ModelDesignTimeTest.bpmnFiles();
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyBusinessRuleTaskEvaluatesTheDecisionDeployedWithItsProcessOnTheFacts(final Path file) {
    for (BusinessRuleTask task : read(file).getModelElementsByType(BusinessRuleTask.class)) {
      ZeebeCalledDecision called = extension(task, ZeebeCalledDecision.class);
      assertThat(called).as("%s %s calls a decision (no job worker evaluates it)", file, task.getId()).isNotNull();
      assertThat(called.getBindingType()).as("%s %s binding", file, task.getId())
          .isEqualTo(ZeebeBindingType.deployment);
      assertThat(called.getResultVariable()).as("%s %s result variable", file, task.getId()).isNotBlank();
      ZeebeExecutionListeners declared = extension(task, ZeebeExecutionListeners.class);
      assertThat(declared).as("%s %s execution listeners", file, task.getId()).isNotNull();
      List<ZeebeExecutionListener> listeners = List.copyOf(declared.getExecutionListeners());
      assertThat(listeners).as("%s %s listeners", file, task.getId())
          .anySatisfy(l -> {
            assertThat(l.getEventType()).isEqualTo(ZeebeExecutionListenerEventType.start);
            assertThat(l.getType()).isEqualTo(JobTypes.GATHER_DECISION_FACTS);
          })
          .anySatisfy(l -> {
            assertThat(l.getEventType()).isEqualTo(ZeebeExecutionListenerEventType.end);
            assertThat(l.getType()).startsWith("record-");
          });

      Decision decision = DmnFiles.decision(called.getDecisionId()).orElseThrow(
          () -> new AssertionError(file + " " + task.getId() + " calls " + called.getDecisionId() + ", not in bpmn/"));
      assertReadsOnlyFacts(decision);
    }
  }

  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyOutcomeOfADecisionIsRoutedAndAnyOtherGoesToAnAgent(final Path file) {
    for (BusinessRuleTask task : read(file).getModelElementsByType(BusinessRuleTask.class)) {
      ZeebeCalledDecision called = extension(task, ZeebeCalledDecision.class);
      if (called == null) {
        continue; // fails the test above
      }
      Decision decision = DmnFiles.decision(called.getDecisionId()).orElseThrow();
      String result = called.getResultVariable();
      for (SequenceFlow out : task.getOutgoing()) {
        if (!(out.getTarget() instanceof ExclusiveGateway gateway) || !routesOn(gateway, result)) {
          continue;
        }
        for (Output output : decision.outputs()) {
          String column = result + "." + output.name();
          if (gateway.getOutgoing().stream().noneMatch(f -> condition(f).contains(column))) {
            continue; // the gateway does not route on this column
          }
          for (String value : output.values()) {
            // a boolean outcome too: both values have their flow, so the default is left for "no answer"
            boolean routed = gateway.getOutgoing().stream()
                .anyMatch(f -> condition(f).replace(" ", "").contains((column + "=" + value).replace(" ", "")));
            assertThat(routed).as("%s gateway %s routes %s = %s", file, gateway.getId(), column, value).isTrue();
          }
        }
        assertThat(gateway.getDefault()).as("%s gateway %s has a default flow", file, gateway.getId()).isNotNull();
        assertThat(leadsToAnAgent(gateway.getDefault().getTarget()))
            .as("%s gateway %s: the default flow (an outcome nobody routed, or no rule matched) leads to a user task",
                file, gateway.getId()).isTrue();
      }
    }
  }

  /** Input expressions read the facts, an item, or a decision the decision requires: nothing else. */
  private static void assertReadsOnlyFacts(Decision decision) {
    List<String> required = DmnFiles.decisions().stream()
        .filter(d -> decision.requiredDecisions().contains(d.id()))
        .map(Decision::variable).filter(Objects::nonNull).toList();
    for (String input : decision.inputExpressions()) {
      boolean readsFacts = input.contains("facts.") || required.stream().anyMatch(v -> input.startsWith(v + "."));
      assertThat(readsFacts).as("decision %s input %s reads only facts", decision.id(), input).isTrue();
    }
    for (String requiredId : decision.requiredDecisions()) {
      assertReadsOnlyFacts(DmnFiles.decision(requiredId).orElseThrow());
    }
  }

  private static boolean routesOn(ExclusiveGateway gateway, String result) {
    return gateway.getOutgoing().stream().anyMatch(f -> condition(f).contains(result + "."));
  }

  /** A user task, directly or through joining gateways. */
  private static boolean leadsToAnAgent(FlowNode node) {
    if (node instanceof UserTask) {
      return true;
    }
    return node instanceof ExclusiveGateway && node.getOutgoing().size() == 1
        && leadsToAnAgent(node.getOutgoing().iterator().next().getTarget());
  }

  private static String condition(SequenceFlow flow) {
    return flow.getConditionExpression() == null ? "" : flow.getConditionExpression().getTextContent();
  }

  private static <T extends BpmnModelElementInstance> T extension(BusinessRuleTask task, Class<T> type) {
    return task.getSingleExtensionElement(type);
  }

  private static BpmnModelInstance read(final Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }
}
