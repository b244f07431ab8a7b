package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.process.ProcessIds;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the process of a stored case and remembers its instance key. The cases stored without a
 * process instance are the outbox: an opening path commits its case, hands it over here
 * ({@link #startAfterCommit}) and answers its client without waiting for the engine; the starter's own
 * threads start it at once, and a fixed-delay retry starts the cases whose start failed or was lost
 * with a stopped application, so a stored case is never left without its process. Either start runs
 * under the case's row lock, skipped when another thread or application instance holds it, so one
 * case is never started twice by them. A start whose answer was lost is bound by its own start
 * listener, so the retry skips it; should the retry start a second instance anyway, the listener
 * cancels one ({@code BindProcessInstanceWorker}): a case has one working instance.
 */
@Component
public class ProcessStarter implements SchedulingConfigurer, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProcessStarter.class);

  private final CamundaClient camunda;
  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final OrderExceptionRepository exceptions;
  private final OrderSnapshotRepository snapshots;
  private final IntakeProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ThreadPoolTaskExecutor outbox;

  public ProcessStarter(CamundaClient camunda, CaseRepository cases, ShortageRepository shortages,
      OrderExceptionRepository exceptions, OrderSnapshotRepository snapshots, IntakeProperties properties,
      TransactionTemplate transaction, Clock clock) {
    this.snapshots = snapshots;
    this.exceptions = exceptions;
    this.camunda = camunda;
    this.cases = cases;
    this.shortages = shortages;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
    this.outbox = new ThreadPoolTaskExecutor();
    outbox.setCorePoolSize(properties.startThreads());
    outbox.setMaxPoolSize(properties.startThreads());
    // An engine outage holds each start up to its timeout: beyond this many waiting, new cases wait for the retry.
    outbox.setQueueCapacity(10_000);
    outbox.setThreadNamePrefix("process-start-");
    outbox.initialize();
  }

  /**
   * Hands a case its opening path has just committed to the starter and returns at once: the client is
   * answered without waiting for the engine. A start that is refused here (the application stopping) or
   * fails later is the retry's.
   */
  public void startAfterCommit(AfterSalesCase c) {
    try {
      outbox.execute(() -> {
        try {
          startLocked(c);
        } catch (RuntimeException e) {
          log.warn("Process start of case {} failed; the retry starts it later: {}", c.getId(), e.getMessage());
        }
      });
    } catch (TaskRejectedException e) {
      log.warn("Process start of case {} left to the retry: {}", c.getId(), e.getMessage());
    }
  }

  /** The case's process is started under its row lock; nothing when it has one or another holds the lock. */
  private void startLocked(AfterSalesCase c) {
    transaction.executeWithoutResult(status -> {
      if (cases.lockIfNotStarted(c.getId()).isPresent()) {
        start(c);
      }
    });
  }

  @Override
  public void destroy() {
    outbox.shutdown();
  }

  /**
   * Variables the process starts with: ids and small decision facts only (docs/returns-process.md,
   * docs/exchange-and-mis-sent-process.md). Returns and exchanges need the money facts of the refund
   * part; mis-sent items the kind of mistake and whether the customer sent evidence of it.
   */
  Map<String, Object> startVariables(AfterSalesCase c) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("caseId", c.getId());
    variables.put("orderId", c.getOrderId());
    switch (c.getType()) {
      case RETURN, EXCHANGE -> {
        variables.put("freightInsured", c.isFreightInsurance());
        variables.put("paidByInstallments", c.paidByInstallments());
      }
      case WRONG_ITEM, MISSING_ITEM -> {
        variables.put("caseType", c.getType().name());
        OrderSnapshot order = snapshots.of(c);
        variables.put("evidenceProvided", !order.getEvidence().isEmpty());
        variables.put("caseFacts", CaseFacts.misSentClaim(c, order)); // the claim review may come first
        variables.put("paidByInstallments", c.paidByInstallments()); // a reship out of stock may end refunded
      }
      case OUT_OF_STOCK -> {
        Shortage shortage = shortages.require(c.getId());
        variables.put("sku", shortage.sku());
        variables.put("quantity", shortage.quantity());
        variables.put("bundleComponent", shortage.bundleComponent());
        variables.put("paidByInstallments", c.paidByInstallments());
        variables.put("caseFacts", CaseFacts.shortage(c, snapshots.of(c)));
      }
      case ORDER_EXCEPTION -> {
        OrderException exception = exceptions.require(c.getId());
        variables.put("exceptionType", exception.exceptionType().name());
        variables.put("channel", c.getChannel());
        variables.put("paidByInstallments", c.paidByInstallments());
        variables.put("caseFacts", CaseFacts.orderException(c, snapshots.of(c)));
      }
    }
    return variables;
  }

  /** The process that handles a type of case. */
  public static String processIdOf(CaseType type) {
    return switch (type) {
      case RETURN -> ProcessIds.RETURN_REQUEST;
      case EXCHANGE -> ProcessIds.EXCHANGE_REQUEST;
      case WRONG_ITEM, MISSING_ITEM -> ProcessIds.MIS_SENT_ITEM;
      case OUT_OF_STOCK -> ProcessIds.OUT_OF_STOCK;
      case ORDER_EXCEPTION -> ProcessIds.ORDER_EXCEPTION;
    };
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
    String processId = processIdOf(c.getType());
    long key;
    try {
      ProcessInstanceEvent started = camunda.newCreateInstanceCommand()
          .bpmnProcessId(processId)
          .latestVersion()
          .variables(startVariables(c))
          .requestTimeout(properties.processStartTimeout())
          .send()
          .join();
      key = started.getProcessInstanceKey();
    } catch (RuntimeException e) {
      log.warn("Process {} did not start for case {}; the retry starts it later: {}",
          processId, caseId, e.getMessage());
      return false;
    }
    try {
      rememberKey(caseId, key);
    } catch (RuntimeException e) {
      // The instance's start listener binds it too (BindProcessInstanceWorker), or cancels it as a second one.
      log.warn("Started {} instance {} for case {} but could not store its key here: {}",
          processId, key, caseId, e.getMessage());
      return false;
    }
    log.info("Started {} instance {} for case {}", processId, key, caseId);
    return true;
  }

  /**
   * Links the instance to the case with its own statement: the instance's workers are already
   * saving the case, and a save of the whole aggregate here would clash with theirs. The instance's
   * start listener may have linked it already; a case linked to another instance means this one is a
   * second (an earlier start whose answer was lost), which its start listener cancels.
   */
  private void rememberKey(String caseId, long key) {
    if (!Long.valueOf(key).equals(cases.bindProcessInstance(caseId, key).orElse(null))) {
      throw new IllegalStateException("case " + caseId + " is bound to another process instance; " + key
          + " is cancelled at its start");
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (properties.startRetryEnabled()) {
      registrar.addFixedDelayTask(
          () -> startCreatedBefore(clock.instant().minus(properties.startRetryMinAge())), properties.startRetryDelay());
    }
  }

  /**
   * The retry: cases stored before {@code before} and still without a process. Each is started while
   * its row is locked, and a case another instance of the application is starting right now is
   * skipped, so two instances running the retry never start two processes for one case.
   */
  void startCreatedBefore(Instant before) {
    for (String caseId : cases.findIdsNotStartedBefore(before)) {
      try {
        transaction.executeWithoutResult(status -> {
          if (cases.lockIfNotStarted(caseId).isPresent()) {
            start(caseId);
          }
        });
      } catch (RuntimeException e) {
        log.warn("Retrying the process start of case {} failed: {}", caseId, e.getMessage());
      }
    }
  }
}
