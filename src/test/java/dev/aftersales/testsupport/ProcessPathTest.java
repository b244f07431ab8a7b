package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.JobTypes;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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

  /**
   * A business rule task: its start listener (played here) hands the decision these facts, the engine
   * evaluates the decision deployed with the process, and its end listener (played here) returns the
   * variables the recording worker returns. Gives the engine's result.
   */
  @SuppressWarnings("unchecked")
  protected Map<String, Object> decided(final String recordJobType, final String resultVariable,
      final Map<String, ?> facts, final Map<String, ?> recorded) {
    completeJob(JobTypes.GATHER_DECISION_FACTS, Map.of("facts", facts));
    final ActivatedJob record = zeebe.activateJob(recordJobType);
    final Object result = record.getVariablesAsMap().get(resultVariable);
    assertThat(result).as("result %s of the decision", resultVariable).isInstanceOf(Map.class);
    zeebe.client().newCompleteCommand(record.getKey()).variables(recorded).send().join();
    zeebe.waitForIdle();
    return (Map<String, Object>) result;
  }

  /**
   * A business rule task whose facts the real start listener builds from what the process knows: the test
   * builds them from the variables the listener job sees; the engine evaluates the decision and its end
   * listener is played (returning nothing).
   */
  protected void decidedOnProcessFacts(final String elementId, final String recordJobType,
      final Function<Map<String, Object>, Map<String, Object>> facts) {
    final ActivatedJob gather = zeebe.activateJob(JobTypes.GATHER_DECISION_FACTS);
    assertThat(gather.getElementId()).isEqualTo(elementId);
    zeebe.client().newCompleteCommand(gather.getKey())
        .variables(Map.of("facts", facts.apply(gather.getVariablesAsMap()))).send().join();
    zeebe.waitForIdle();
    completeJob(recordJobType);
  }

  protected static ProcessInstanceAssert process(final long key) {
    return assertThat(new InspectedProcessInstance(key));
  }

  /** The instances of this process the test's messages or commands started, first started first. */
  protected List<Long> instancesStarted(final String bpmnProcessId) {
    return processInstanceRecords().filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(r -> r.getValue().getBpmnProcessId().equals(bpmnProcessId))
        .map(r -> r.getValue().getProcessInstanceKey()).distinct().toList();
  }

  /** The elements of the instance that completed, in order. */
  protected List<String> passed(final long processInstanceKey) {
    return processInstanceRecords().filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .map(r -> r.getValue().getElementId()).toList();
  }

  private Stream<Record<ProcessInstanceRecordValue>> processInstanceRecords() {
    return StreamSupport.stream(zeebe.records().processInstanceRecords().spliterator(), false);
  }
}
