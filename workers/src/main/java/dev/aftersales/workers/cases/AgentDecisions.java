package dev.aftersales.workers.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.tasks.TaskCompletion;
import dev.aftersales.tasks.TaskCompletions;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the five {@code record-…} workers share: the decision lands on the case and in the timeline with
 * the form data and the agent who completed the task, as its completing listener noted it
 * ({@link NoteTaskCompletionWorker}). The gateways after the step read the form variables themselves.
 */
@Component
class AgentDecisions {

  private static final Logger log = LoggerFactory.getLogger(AgentDecisions.class);
  private static final String CASE_ID = "caseId";

  private final CaseRepository cases;
  private final TaskCompletions completions;
  private final StepJournal journal;
  private final ObjectMapper json;
  private final Clock clock;

  AgentDecisions(CaseRepository cases, TaskCompletions completions, StepJournal journal, ObjectMapper json,
      Clock clock) {
    this.cases = cases;
    this.completions = completions;
    this.journal = journal;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Applies the decision to the case and records it.
   *
   * @param form the form's typed variables (its {@code caseId} is not form data)
   * @param decide changes the case and answers the timeline's summary
   */
  void record(ActivatedJob job, String caseId, AgentTask task, Object form, Function<AfterSalesCase, String> decide) {
    AfterSalesCase c = cases.require(caseId);
    String summary = decide.apply(c);
    c.touch(clock.instant());
    cases.save(c);
    TaskCompletion completed = completions.latestOf(job.getProcessInstanceKey()).orElse(null);
    if (completed == null) {
      log.warn("No completion of {} noted in process instance {}: recording it without the agent", task.id(),
          job.getProcessInstanceKey());
    }
    journal.humanTask(job, caseId, task.id(), completed, summary, formData(form));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> formData(Object form) {
    Map<String, Object> data = new LinkedHashMap<>(json.convertValue(form, LinkedHashMap.class));
    data.remove(CASE_ID);
    return data;
  }
}
