package dev.aftersales.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.workers.TestCases;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A create-instance that reached the engine but whose answer was lost, then the start retry: the
 * case ends up worked on by one instance, bound to it (the start listener binds or cancels).
 */
class ProcessStartedOnceTest extends ApiTest {

  @Autowired CaseRepository cases;
  @Autowired ProcessStarter starter;
  @Autowired Timeline timeline;

  @Test
  void aLostCreateAnswerFollowedByTheRetryLeavesOneWorkingInstance() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());

    long lost = createLikeTheStarter(c); // the engine created it; the starter never heard back
    boolean started = starter.start(c.getId()); // the retry

    assertThat(started).as("the retry reports the case started or bound").isIn(true, false);
    AfterSalesCase bound = awaitCase(c.getId(), "bound to an instance", k -> k.getProcessInstanceKey() != null);
    awaitOneWorkingInstance(c);
    assertThat(workingInstances(c)).containsExactly(bound.getProcessInstanceKey());
    assertThat(instancesOf(c)).contains(lost);
  }

  @Test
  void aSecondInstanceIsCancelledAtItsFirstStepAndTheCaseStaysBoundToTheFirst() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    long first = createLikeTheStarter(c);
    awaitCase(c.getId(), "bound to the first instance", k -> Long.valueOf(first).equals(k.getProcessInstanceKey()));

    long second = createLikeTheStarter(c);

    awaitOneWorkingInstance(c);
    assertThat(workingInstances(c)).containsExactly(first);
    assertThat(terminated()).contains(second);
    assertThat(cases.require(c.getId()).getProcessInstanceKey()).isEqualTo(first);
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::summary).contains("Second process instance cancelled");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private long createLikeTheStarter(AfterSalesCase c) {
    return zeebe().client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.RETURN_REQUEST).latestVersion()
        .variables(starter.startVariables(c)).send().join().getProcessInstanceKey();
  }

  private void awaitOneWorkingInstance(AfterSalesCase c) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (workingInstances(c).size() != 1 || instancesOf(c).size() - terminated().stream()
        .filter(instancesOf(c)::contains).count() != 1) {
      assertThat(Instant.now()).as("one working instance for case %s", c.getId()).isBefore(deadline);
      sleep();
    }
  }

  /** Top-level return-request instances started with the case's id. */
  private static Set<Long> instancesOf(AfterSalesCase c) {
    Set<Long> withCase = ApiTest.<VariableRecordValue>engineRecords(ValueType.VARIABLE).stream()
        .map(Record::getValue)
        .filter(v -> v.getName().equals("caseId") && v.getValue().equals("\"" + c.getId() + "\""))
        .map(VariableRecordValue::getProcessInstanceKey)
        .collect(Collectors.toSet());
    return processRecords(ProcessInstanceIntent.ELEMENT_ACTIVATED).stream()
        .filter(v -> v.getBpmnProcessId().equals(ProcessIds.RETURN_REQUEST))
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .filter(withCase::contains)
        .collect(Collectors.toSet());
  }

  private static List<Long> workingInstances(AfterSalesCase c) {
    Set<Long> terminated = Set.copyOf(terminated());
    return instancesOf(c).stream().filter(key -> !terminated.contains(key)).toList();
  }

  private static List<Long> terminated() {
    return processRecords(ProcessInstanceIntent.ELEMENT_TERMINATED).stream()
        .map(ProcessInstanceRecordValue::getProcessInstanceKey).toList();
  }

  private static List<ProcessInstanceRecordValue> processRecords(ProcessInstanceIntent intent) {
    return ApiTest.<ProcessInstanceRecordValue>engineRecords(ValueType.PROCESS_INSTANCE).stream()
        .filter(r -> r.getIntent() == intent)
        .map(Record::getValue)
        .filter(v -> v.getBpmnElementType() == BpmnElementType.PROCESS)
        .toList();
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
