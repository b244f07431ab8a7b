package dev.aftersales.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The models the application deploys (one deployment, {@code AfterSalesApplication}), read once from the
 * class path with the same patterns: the console draws them and the decision audit reads rule rows and
 * annotations from them. A model changed in a cluster outside this application's deployment is not here.
 */
@Component
public class DeployedModels {

  public static final String PROCESSES = "classpath*:/bpmn/**/*.bpmn";
  public static final String DECISIONS = "classpath*:/bpmn/**/*.dmn";
  public static final String FORMS = "classpath*:/forms/**/*.form";

  /** A deployed file: {@code id} the process, decision or form id, {@code resource} its file name. */
  public record Model(String id, String name, String resource, byte[] content) {}

  /** A process with its parsed model, for drawing a case's path on it. */
  public record ProcessModel(Model file, BpmnModelInstance bpmn) {}

  private final Map<String, ProcessModel> processes = new LinkedHashMap<>();
  private final Map<String, Model> decisionFiles = new LinkedHashMap<>();
  private final Map<String, DmnDocument.Decision> decisions = new LinkedHashMap<>();
  private final Map<String, Model> forms = new LinkedHashMap<>();

  public DeployedModels(ResourcePatternResolver resolver, ObjectMapper json) throws IOException {
    for (Resource resource : sorted(resolver.getResources(PROCESSES))) {
      byte[] content = read(resource);
      BpmnModelInstance bpmn = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
      for (Process process : bpmn.getModelElementsByType(Process.class)) {
        processes.put(process.getId(), new ProcessModel(
            new Model(process.getId(), nameOr(process.getName(), process.getId()), resource.getFilename(), content),
            bpmn));
      }
    }
    for (Resource resource : sorted(resolver.getResources(DECISIONS))) {
      byte[] content = read(resource);
      DmnDocument document = DmnDocument.parse(content);
      document.decisions().values().forEach(d -> {
        decisionFiles.put(d.id(), new Model(d.id(), d.name(), resource.getFilename(), content));
        decisions.put(d.id(), d);
      });
    }
    for (Resource resource : sorted(resolver.getResources(FORMS))) {
      byte[] content = read(resource);
      JsonNode form = json.readTree(content);
      String id = form.path("id").asText(resource.getFilename().replaceFirst("\\.form$", ""));
      forms.put(id, new Model(id, id, resource.getFilename(), content));
    }
  }

  public Collection<ProcessModel> processes() {
    return processes.values();
  }

  public Optional<ProcessModel> process(String bpmnProcessId) {
    return Optional.ofNullable(processes.get(bpmnProcessId));
  }

  /** Every decision, with the file (DRD) that holds it. */
  public Collection<Model> decisionFiles() {
    return decisionFiles.values();
  }

  public Optional<Model> decisionFile(String decisionId) {
    return Optional.ofNullable(decisionFiles.get(decisionId));
  }

  /** The decision's name and its table's rules (row, annotation) by rule id. */
  public Optional<DmnDocument.Decision> decision(String decisionId) {
    return Optional.ofNullable(decisions.get(decisionId));
  }

  public Collection<Model> forms() {
    return forms.values();
  }

  public Optional<Model> form(String formId) {
    return Optional.ofNullable(forms.get(formId));
  }

  private static List<Resource> sorted(Resource[] resources) {
    return java.util.Arrays.stream(resources)
        .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename())))
        .toList();
  }

  private static byte[] read(Resource resource) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String nameOr(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }
}
