package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;

import dev.aftersales.process.JobTypes;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the process-path tests: per test a fresh engine with every model deployed and a case id of
 * its own; the workers are played by completing their jobs with the variables the contract names.
 */
public abstract class ProcessPathTest {

  protected ProcessTestEngine zeebe;
  protected String caseId;

  @BeforeEach
  void startEngine() {
    zeebe = ProcessTestEngine.start().deployAllModels().playingTaskListeners().playingTaskPriority();
    caseId = "case-" + UUID.randomUUID();
  }

  @AfterEach
  void stopEngine() {
    zeebe.close();
  }

  protected ActivatedJob completeJob(final String jobType) {
    return completeJob(jobType, Map.of());
  }

  protected ActivatedJob completeJob(final String jobType, final Map<String, ?> variables) {
    return zeebe.completeJob(jobType, variables);
  }

  /** The start listener binds the new instance to its case (BindProcessInstanceWorker), played here like every worker. */
  protected long bound(final long processInstanceKey) {
    completeJob(JobTypes.BIND_PROCESS_INSTANCE);
    return processInstanceKey;
  }

  protected static ProcessInstanceAssert process(final long key) {
    return assertThat(new InspectedProcessInstance(key));
  }
}
