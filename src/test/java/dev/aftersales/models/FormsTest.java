package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Zeebe and Tasklist need of a form before an agent ever sees it: an id equal to the file name
 * (the user tasks bind to it), a schema version Tasklist 8.6 renders, and a unique key for every
 * input so that no answer is lost or overwritten on submit.
 */
class FormsTest {

  private static final int TASKLIST_86_SCHEMA_VERSION = 16;
  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "datetime", "checkbox",
      "checklist", "radio", "select", "taglist");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void formIsDeployableAndEveryInputHasItsOwnKey(Path file) throws IOException {
    JsonNode form = JSON.readTree(file.toFile());
    String fileName = file.getFileName().toString().replace(".form", "");

    assertThat(form.path("id").asText()).as("form id of %s", file).isEqualTo(fileName);
    assertThat(form.path("schemaVersion").asInt()).as("schemaVersion of %s", file)
        .isBetween(1, TASKLIST_86_SCHEMA_VERSION);
    List<String> keys = new ArrayList<>();
    collectInputKeys(form.path("components"), keys);
    assertThat(keys).as("input keys of %s", file).isNotEmpty().doesNotContain("").doesNotHaveDuplicates();
    Set<String> required = new HashSet<>();
    collectRequired(form.path("components"), required);
    assertThat(required).as("%s asks the agent for at least one required answer", file).isNotEmpty();
  }

  /**
   * A task reached a second time (the customer contacted again, a claim reviewed again) must open with
   * an empty form, not with the previous answer: each answer is reset to null as the task's own input
   * (so the form does not see the earlier value of the process) and mapped out when the task completes
   * (without output mappings, a completion would only set the task's own, reset copy).
   */
  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyUserTaskOpensWithItsAnswersEmptyAndHandsThemOn(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String formId = task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId();
      List<String> keys = new ArrayList<>();
      collectInputKeys(JSON.readTree(Path.of("forms", formId + ".form").toFile()).path("components"), keys);
      ZeebeIoMapping io = task.getSingleExtensionElement(ZeebeIoMapping.class);
      assertThat(io).as("%s of %s has input and output mappings", task.getId(), file).isNotNull();
      Map<String, String> inputs = new HashMap<>();
      io.getInputs().forEach(i -> inputs.put(i.getTarget(), i.getSource()));
      Map<String, String> outputs = new HashMap<>();
      io.getOutputs().forEach(o -> outputs.put(o.getTarget(), o.getSource()));
      for (String key : keys) {
        assertThat(inputs).as("%s resets the answer %s of %s", task.getId(), key, formId).containsEntry(key, "=null");
        assertThat(outputs).as("%s hands on the answer %s of %s", task.getId(), key, formId).containsEntry(key, "=" + key);
      }
    }
  }

  /** Who does a human task shows on the diagram: its name ends with the role of its candidate group. */
  @ParameterizedTest
  @MethodSource("bpmnFiles")
  void everyUserTaskNamesWhoDoesIt(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String groups = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups();
      assertThat(task.getName()).as("name of %s in %s", task.getId(), file).matches(".+ \\(.+\\)");
      if (!groups.startsWith("=")) {
        String role = groups.replace("-team", "").replace('-', ' ').replace("qc", "QC");
        assertThat(task.getName()).as("name of %s in %s", task.getId(), file).endsWith("(" + role + ")");
      }
    }
  }

  static Stream<Path> bpmnFiles() throws IOException {
    return Files.list(Path.of("bpmn")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  private static void collectInputKeys(JsonNode components, List<String> keys) {
    for (JsonNode c : components) {
      if (INPUTS.contains(c.path("type").asText())) {
        keys.add(c.path("key").asText());
      }
      collectInputKeys(c.path("components"), keys);
    }
  }

  private static void collectRequired(JsonNode components, Set<String> required) {
    for (JsonNode c : components) {
      if (c.path("validate").path("required").asBoolean(false)) {
        required.add(c.path("key").asText());
      }
      collectRequired(c.path("components"), required);
    }
  }
}
