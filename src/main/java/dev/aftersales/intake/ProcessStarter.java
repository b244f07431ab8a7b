package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.process.ProcessIds;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Starts the process of a stored case and remembers its instance key. Called right after the case
 * is committed and, for cases whose start failed, again by a fixed-delay retry, so a stored case is
 * never left without its process.
 */
@Component
public class ProcessStarter implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ProcessStarter.class);

  private final CamundaClient camunda;
  private final CaseRepository cases;
  private final IntakeProperties properties;
  private final Clock clock;

  public ProcessStarter(CamundaClient camunda, CaseRepository cases, IntakeProperties properties, Clock clock) {
    this.camunda = camunda;
    this.cases = cases;
    this.properties = properties;
    this.clock = clock;
  }

  /** Variables the process starts with: ids and small decision facts only (docs/returns-process.md). */
  record StartVariables(String caseId, String orderId, boolean freightInsured, boolean paidByInstallments) {

    static StartVariables of(AfterSalesCase c) {
      return new StartVariables(c.getId(), c.getOrderId(), c.isFreightInsurance(), c.paidByInstallments());
    }
  }

  /** The process that handles a type of case; empty while the type has no flow yet. */
  public static Optional<String> processIdOf(CaseType type) {
    return type == CaseType.RETURN ? Optional.of(ProcessIds.RETURN_REQUEST) : Optional.empty();
  }

  /** Starts the case's process unless it has one; returns whether the case has a process afterwards. */
  public boolean start(String caseId) {
    return start(cases.require(caseId));
  }

  /** As {@link #start(String)}, for a case the caller has just stored (intake): no need to read it back. */
  public boolean start(AfterSalesCase c) {
    String caseId = c.getId();
    if (c.getProcessInstanceKey() != null) {
      return true;
    }
    Optional<String> processId = processIdOf(c.getType());
    if (processId.isEmpty()) {
      log.warn("Case {} of type {} has no process to start", caseId, c.getType());
      return false;
    }
    long key;
    try {
      ProcessInstanceEvent started = camunda.newCreateInstanceCommand()
          .bpmnProcessId(processId.get())
          .latestVersion()
          .variables(StartVariables.of(c))
          .requestTimeout(properties.processStartTimeout())
          .send()
          .join();
      key = started.getProcessInstanceKey();
    } catch (RuntimeException e) {
      log.warn("Process {} did not start for case {}; the retry starts it later: {}",
          processId.get(), caseId, e.getMessage());
      return false;
    }
    try {
      rememberKey(caseId, key);
    } catch (RuntimeException e) {
      // Rare (database gone between two statements); the retry would start a second instance, so say so loudly.
      log.error("Started {} instance {} for case {} but could not store its key: {}",
          processId.get(), key, caseId, e.getMessage());
      return false;
    }
    log.info("Started {} instance {} for case {}", processId.get(), key, caseId);
    return true;
  }

  /**
   * Links the instance to the case with its own statement: the instance's workers are already
   * saving the case, and a save of the whole aggregate here would clash with theirs.
   */
  private void rememberKey(String caseId, long key) {
    if (!cases.linkProcessInstance(caseId, key)) {
      throw new IllegalStateException("case " + caseId + " already has a process instance");
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (properties.startRetryEnabled()) {
      registrar.addFixedDelayTask(
          () -> startCreatedBefore(clock.instant().minus(properties.startRetryMinAge())), properties.startRetryDelay());
    }
  }

  /** The retry: cases stored before {@code before} and still without a process. */
  void startCreatedBefore(Instant before) {
    for (String caseId : cases.findIdsNotStartedBefore(before)) {
      try {
        start(caseId);
      } catch (RuntimeException e) {
        log.warn("Retrying the process start of case {} failed: {}", caseId, e.getMessage());
      }
    }
  }
}
