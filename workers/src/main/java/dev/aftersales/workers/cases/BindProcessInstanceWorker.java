package dev.aftersales.workers.cases;

import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first step of every case process (an execution listener of its start event): binds the case to
 * this instance, or, when the case is bound to another one, cancels this instance before it does
 * anything.
 *
 * <p>Why: the engine can create an instance and the answer be lost (timeout, connection drop), and
 * Zeebe 8.8 has no idempotent create. The start retry ({@code ProcessStarter}) then creates another.
 * Usually the first instance's listener has bound the case by then and the retry skips it; if both
 * instances exist, whichever binds first runs and the other is cancelled here, so the case is worked
 * on by one instance only (a publish-to-start message would need a start event per process and gives
 * no instance key to bind; this keeps the models' start and binds in one place).
 */
@Component
public class BindProcessInstanceWorker {

  private static final Logger log = LoggerFactory.getLogger(BindProcessInstanceWorker.class);

  private final CaseRepository cases;
  private final CamundaClient camunda;
  private final StepJournal journal;

  public BindProcessInstanceWorker(CaseRepository cases, CamundaClient camunda, StepJournal journal) {
    this.cases = cases;
    this.camunda = camunda;
    this.journal = journal;
  }

  @JobWorker(type = JobTypes.BIND_PROCESS_INSTANCE, autoComplete = false)
  public void bind(JobClient client, ActivatedJob job, @Variable String caseId) {
    long instance = job.getProcessInstanceKey();
    Long bound = cases.bindProcessInstance(caseId, instance).orElse(null);
    if (Objects.equals(bound, instance)) {
      client.newCompleteCommand(job.getKey()).send().join();
      return;
    }
    log.warn("Case {} is bound to process instance {}: cancelling the second instance {}", caseId, bound, instance);
    journal.recordOnce(job, caseId, TimelineKind.STATUS, "Second process instance cancelled",
        Map.of("boundInstance", bound, "cancelledInstance", instance));
    camunda.newCancelInstanceCommand(instance).send().join();
  }
}
