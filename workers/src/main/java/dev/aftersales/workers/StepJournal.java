package dev.aftersales.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.tasks.TaskCompletion;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import io.camunda.client.api.response.ActivatedJob;
import dev.aftersales.process.JobTransactions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What the workers write into a case's timeline, in one shape per kind, so that an auditor finds
 * the same details (system, call, idempotency key, result; decision, rule, inputs; form data) on
 * every step. The BPMN element of the job is the entry's element id, the worker its actor.
 */
@Component
public class StepJournal {

  private final Timeline timeline;
  private final Clock clock;
  private final ObjectMapper json;
  private final JobTransactions transactions;

  public StepJournal(Timeline timeline, Clock clock, ObjectMapper json, JobTransactions transactions) {
    this.timeline = timeline;
    this.clock = clock;
    this.json = json;
    this.transactions = transactions;
  }

  /**
   * Makes a call to a surrounding system and records it, successful or not: a failed call is
   * retried by the engine, and the auditor sees each attempt with the same idempotency key. A successful
   * call is recorded in the job's transaction, with the state it changed; a failed one after that
   * transaction ended ({@link JobTransactions#afterCompletion}), so a failing job keeps its trace.
   */
  public <T> T call(ActivatedJob job, String caseId, Endpoint endpoint, Object request, Supplier<T> send) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("system", endpoint.system().key());
    details.put("call", endpoint.call());
    details.put("idempotencyKey", request instanceof IdempotentRequest write ? write.idempotencyKey() : null);
    details.put("request", request);
    try {
      T response = send.get();
      details.put("outcome", "OK");
      details.put("response", response);
      record(job, caseId, TimelineKind.EXTERNAL_CALL, endpoint.system().displayName() + " " + endpoint.call(), details);
      return response;
    } catch (RuntimeException e) {
      details.put("outcome", "FAILED");
      details.put("error", e.getMessage());
      // the job's writes are undone when it fails; the auditor still sees each attempt
      Instant failedAt = clock.instant();
      transactions.afterCompletion(() -> timeline.record(caseId, TimelineKind.EXTERNAL_CALL, job.getElementId(),
          "worker:" + job.getType(), endpoint.system().displayName() + " " + endpoint.call() + " failed", details,
          failedAt));
      throw e;
    }
  }

  /**
   * As {@link #call}, once per idempotency key: when the timeline holds a successful call with this
   * key (the step ran before and its case save failed, or the job was redelivered), that answer is
   * returned and nothing is sent or recorded again, so an auditor reads one success per key.
   *
   * <p>For a step whose own state does not record the call's effect (a parcel sent back, a payment request
   * cancelled). Where the step's aggregate records it and is checked first (a refund's settled state, an order's
   * hold), the lookup is one statement for nothing: in a job's transaction the call's entry commits with that state,
   * and a success whose save failed is rolled back with its entry, so the lookup cannot find it either.
   */
  public <T> T callOnce(ActivatedJob job, String caseId, Endpoint endpoint, IdempotentRequest request,
      Class<T> answer, Supplier<T> send) {
    Optional<Map<String, Object>> before = timeline.succeededCall(caseId, request.idempotencyKey());
    if (before.isPresent() && endpoint.call().equals(before.get().get("call"))) {
      return json.convertValue(before.get().get("response"), answer);
    }
    return call(job, caseId, endpoint, request, send);
  }

  /** Moves the case and records the change; no entry when it already was in that status (a redelivered job). */
  public void moveTo(ActivatedJob job, AfterSalesCase c, CaseStatus next) {
    CaseStatus previous = c.moveTo(next, clock.instant());
    if (previous != next) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("from", previous);
      details.put("to", next);
      record(job, c.getId(), TimelineKind.STATUS, "Status " + previous + " → " + next, details);
    }
  }

  public void decision(ActivatedJob job, String caseId, String summary, Map<String, ?> details) {
    record(job, caseId, TimelineKind.DECISION, summary, details);
  }

  /**
   * What an agent decided on a task, with the form data as submitted and, when the task's completing
   * listener noted it ({@code completed} not null), who completed it and when; the agent is the actor.
   */
  public void humanTask(ActivatedJob job, String caseId, String task, TaskCompletion completed, String summary,
      Map<String, ?> formData) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task);
    details.put("jobKey", job.getKey());
    if (completed != null) {
      details.put("taskId", String.valueOf(completed.userTaskKey()));
      details.put("assignee", completed.assignee());
      details.put("completionTime", completed.completedAt());
    }
    details.put("formData", formData);
    String actor = completed != null && completed.assignee() != null
        ? "agent:" + completed.assignee() : "worker:" + job.getType();
    // once, however often the job is handed out
    timeline.recordOnce(caseId, TimelineKind.HUMAN_TASK, job.getElementId(), actor, summary, details, job.getKey());
  }

  /**
   * Records the entry unless this job wrote one of this kind before: a job handed out again after
   * its first run (its completion was lost) repeats its work harmlessly but not its trace.
   */
  public void recordOnce(ActivatedJob job, String caseId, TimelineKind kind, String summary, Map<String, ?> details) {
    Map<String, Object> withJob = new LinkedHashMap<>(details);
    withJob.putIfAbsent("jobKey", job.getKey());
    timeline.recordOnce(caseId, kind, job.getElementId(), "worker:" + job.getType(), summary, withJob, job.getKey());
  }

  public void record(ActivatedJob job, String caseId, TimelineKind kind, String summary, Map<String, ?> details) {
    timeline.record(caseId, kind, job.getElementId(), "worker:" + job.getType(), summary, details);
  }
}
