package dev.aftersales.models;

import dev.aftersales.web.ApiPaths;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deployed models as files, for the console's diagrams (bpmn-js, dmn-js) and task forms (form-js).
 */
@RestController
class ModelController {

  /** One model in the index: its id, its name and the file it was deployed from. */
  record ModelEntry(String id, String name, String resource) {

    static ModelEntry of(DeployedModels.Model m) {
      return new ModelEntry(m.id(), m.name(), m.resource());
    }
  }

  record ModelIndex(List<ModelEntry> processes, List<ModelEntry> decisions, List<ModelEntry> forms) {}

  private final DeployedModels models;

  ModelController(DeployedModels models) {
    this.models = models;
  }

  @GetMapping(ApiPaths.MODELS)
  ModelIndex index() {
    return new ModelIndex(
        models.processes().stream().map(p -> ModelEntry.of(p.file())).toList(),
        models.decisionFiles().stream().map(ModelEntry::of).toList(),
        models.forms().stream().map(ModelEntry::of).toList());
  }

  /** The BPMN file that defines the process. */
  @GetMapping(value = ApiPaths.MODEL_PROCESS, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<byte[]> process(@PathVariable String bpmnProcessId) {
    return xml(models.process(bpmnProcessId).orElseThrow(() -> new ModelNotFoundException("process", bpmnProcessId))
        .file());
  }

  /** The DMN file (decision requirements graph) that holds the decision. */
  @GetMapping(value = ApiPaths.MODEL_DECISION, produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<byte[]> decision(@PathVariable String decisionId) {
    return xml(models.decisionFile(decisionId).orElseThrow(() -> new ModelNotFoundException("decision", decisionId)));
  }

  /** The form's schema, as form-js renders it. */
  @GetMapping(value = ApiPaths.MODEL_FORM, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> form(@PathVariable String formId) {
    DeployedModels.Model form = models.form(formId).orElseThrow(() -> new ModelNotFoundException("form", formId));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(form.content());
  }

  private static ResponseEntity<byte[]> xml(DeployedModels.Model model) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(model.content());
  }
}
