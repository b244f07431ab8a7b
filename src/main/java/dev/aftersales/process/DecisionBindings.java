package dev.aftersales.process;

import io.camunda.client.api.response.Decision;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.spring.event.CamundaPostDeploymentSpringEvent;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which decision version a process version evaluates. Business rule tasks bind their decision with
 * {@code bindingType="deployment"}: the engine evaluates the version deployed together with the process,
 * not the latest. The timeline must name that version, and a decision a worker evaluates itself must use
 * it too, but a job only carries its process definition key. So every deployment of the models is
 * remembered here (table {@code decision_binding}, kept across restarts for instances of older versions).
 */
@Component
public class DecisionBindings {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionBindings.class);

  /** The decision a process definition is bound to. */
  public record BoundDecision(String decisionId, long decisionKey, int version, String decisionRequirementsId) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, BoundDecision> cache = new ConcurrentHashMap<>();

  private static String cacheKey(long processDefinitionKey, String bpmnProcessId, int processVersion,
      String decisionId) {
    return processDefinitionKey + "/" + bpmnProcessId + "/" + processVersion + "/" + decisionId;
  }

  public DecisionBindings(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The application's deployment of the models at start ({@code @Deployment} of the application). */
  @EventListener
  public void onDeployment(CamundaPostDeploymentSpringEvent event) {
    event.getDeployments().forEach(this::deployed);
  }

  /** Remembers, for every process of this deployment, the decisions deployed with it. */
  public void deployed(DeploymentEvent deployment) {
    for (Process process : deployment.getProcesses()) {
      for (Decision decision : deployment.getDecisions()) {
        jdbc.sql("""
                INSERT INTO decision_binding (process_definition_key, decision_id, decision_key, decision_version,
                    decision_requirements_id, bpmn_process_id, process_version, deployment_key, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE decision_key = VALUES(decision_key), decision_version = VALUES(decision_version),
                    decision_requirements_id = VALUES(decision_requirements_id), bpmn_process_id = VALUES(bpmn_process_id),
                    process_version = VALUES(process_version), deployment_key = VALUES(deployment_key),
                    recorded_at = VALUES(recorded_at)""")
            .params(process.getProcessDefinitionKey(), decision.getDmnDecisionId(), decision.getDecisionKey(),
                decision.getVersion(), decision.getDmnDecisionRequirementsId(), process.getBpmnProcessId(),
                process.getVersion(), deployment.getKey(), clock.instant())
            .update();
        cache.put(cacheKey(process.getProcessDefinitionKey(), process.getBpmnProcessId(), process.getVersion(),
            decision.getDmnDecisionId()), new BoundDecision(decision.getDmnDecisionId(), decision.getDecisionKey(),
            decision.getVersion(), decision.getDmnDecisionRequirementsId()));
      }
    }
    LOG.info("Decision bindings of deployment {}: {} processes x {} decisions", deployment.getKey(),
        deployment.getProcesses().size(), deployment.getDecisions().size());
  }

  /**
   * The version of {@code decisionId} deployed with this process definition (key, process id and version, as a
   * job names them: a key an earlier engine gave to another process does not match); empty when the
   * application did not deploy it.
   */
  public Optional<BoundDecision> find(long processDefinitionKey, String bpmnProcessId, int processVersion,
      String decisionId) {
    String id = cacheKey(processDefinitionKey, bpmnProcessId, processVersion, decisionId);
    BoundDecision cached = cache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<BoundDecision> found = jdbc.sql("""
            SELECT decision_id, decision_key, decision_version, decision_requirements_id FROM decision_binding
            WHERE process_definition_key = ? AND bpmn_process_id = ? AND process_version = ? AND decision_id = ?""")
        .params(processDefinitionKey, bpmnProcessId, processVersion, decisionId)
        .query((rs, n) -> new BoundDecision(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4)))
        .optional();
    found.ifPresent(bound -> cache.put(id, bound));
    return found;
  }
}
