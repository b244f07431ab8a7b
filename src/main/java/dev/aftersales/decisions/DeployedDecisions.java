package dev.aftersales.decisions;

import dev.aftersales.models.DeployedModels;
import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DecisionRequirements;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.spring.event.CamundaPostDeploymentSpringEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.dmn.parser.ParsedDmn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The decisions of the application's own deployment, evaluated in the application ({@link DmnScala}) on the very
 * files it deployed, by the keys the engine gave them.
 *
 * <p>A business rule task's end listener needs the rows that matched, and the engine hands a job only the result.
 * Evaluating the same DMN again here gives them without a second evaluation in the cluster, which would write one
 * more decision evaluation per task to the partition's log, and to Operate as a decision instance of no process.
 * Only decisions of the deployment the application made at its start are here: those it knows the file of.
 * A decision deployed otherwise (an older version of the application's models, a process owner's deployment
 * from Modeler, a test's edited table) is not, and its caller asks the engine.
 */
@Component
public class DeployedDecisions {

  private static final Logger LOG = LoggerFactory.getLogger(DeployedDecisions.class);

  /** A decision's key and version, as the engine deployed it. */
  public record Deployed(String decisionId, long decisionKey, int version) {}

  /** One evaluation here: the decision's output and its DRD's evaluated decisions, each with its key and version. */
  public record Evaluated(Deployed decision, Object output, List<Part> parts) {}

  /** One evaluated decision of the DRD with the key and version it was deployed as. */
  public record Part(Deployed decision, DmnScala.EvaluatedPart evaluated) {}

  /** The decisions of one deployed DRD file, parsed once. */
  private record Drg(ParsedDmn dmn, Map<String, Deployed> decisions) {}

  private final DeployedModels models;
  private final Map<Long, Drg> byDecisionKey = new ConcurrentHashMap<>();

  public DeployedDecisions(DeployedModels models) {
    this.models = models;
  }

  /** The application's deployment of its models at start ({@code @Deployment} of the application). */
  @EventListener
  public void onDeployment(CamundaPostDeploymentSpringEvent event) {
    event.getDeployments().forEach(this::deployed);
  }

  /** A deployment of the application's own model files, unchanged: their decisions are evaluated here from now on. */
  public void deployed(DeploymentEvent deployment) {
    List<String> here = new ArrayList<>();
    for (DecisionRequirements drg : deployment.getDecisionRequirements()) {
      Map<String, Deployed> decisions = new LinkedHashMap<>();
      for (Decision decision : deployment.getDecisions()) {
        if (decision.getDecisionRequirementsKey() == drg.getDecisionRequirementsKey()) {
          decisions.put(decision.getDmnDecisionId(),
              new Deployed(decision.getDmnDecisionId(), decision.getDecisionKey(), decision.getVersion()));
        }
      }
      Optional<byte[]> file = decisions.keySet().stream()
          .flatMap(id -> models.decisionFile(id).stream())
          .filter(model -> model.resource().equals(drg.getResourceName()))
          .map(DeployedModels.Model::content)
          .findFirst();
      if (file.isEmpty()) {
        LOG.info("Decisions {} of deployment {} are not among the application's files: their rows are asked of the "
            + "engine", decisions.keySet(), deployment.getKey());
        continue;
      }
      ParsedDmn dmn;
      try {
        dmn = DmnScala.parse(file.get());
      } catch (IllegalArgumentException e) {
        // a file the engine took but this DMN engine cannot read (a newer FEEL): the engine is asked instead
        LOG.warn("Decisions {} of deployment {} cannot be read by the application's DMN engine, their rows are asked "
            + "of the engine: {}", decisions.keySet(), deployment.getKey(), e.getMessage());
        continue;
      }
      Drg parsed = new Drg(dmn, Map.copyOf(decisions));
      decisions.values().forEach(d -> {
        byDecisionKey.put(d.decisionKey(), parsed);
        here.add(d.decisionId() + " v" + d.version());
      });
    }
    if (!here.isEmpty()) {
      LOG.info("Decisions of deployment {} whose rows are matched in the application: {}", deployment.getKey(),
          String.join(", ", here));
    }
  }

  /**
   * Evaluates the decision deployed as {@code decisionKey}, when it is one of the application's own and has the id
   * {@code decisionId}; empty otherwise, and when this DMN engine fails where the engine did not (the caller asks
   * the engine, whose answer, or failure, counts).
   */
  public Optional<Evaluated> evaluate(long decisionKey, String decisionId, Map<String, Object> variables) {
    Drg drg = byDecisionKey.get(decisionKey);
    Deployed decision = drg == null ? null : drg.decisions().get(decisionId);
    if (decision == null || decision.decisionKey() != decisionKey) {
      return Optional.empty();
    }
    DmnScala.Result result;
    try {
      result = DmnScala.evaluate(drg.dmn(), decisionId, variables);
    } catch (IllegalArgumentException e) {
      LOG.warn("Decision {} v{} failed in the application's DMN engine, asking the engine: {}", decisionId,
          decision.version(), e.getMessage());
      return Optional.empty();
    }
    List<Part> parts = result.parts().stream()
        .map(part -> new Part(drg.decisions().get(part.decisionId()), part))
        .toList();
    return Optional.of(new Evaluated(decision, result.output(), parts));
  }
}
