package dev.aftersales.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The log context (MDC) of a job: {@code caseId}, {@code jobKey} and {@code jobType} for every line a
 * worker, its clients and the retry handler write while handling it; the log pattern shows them.
 */
public final class JobLogContext {

  public static final String CASE_ID = "caseId";
  public static final String JOB_KEY = "jobKey";
  public static final String JOB_TYPE = "jobType";

  private JobLogContext() {}

  /** Runs the handler with the job's context and clears it afterwards (the thread serves other jobs next). */
  static void handle(ActivatedJob job, HandlerCall call) throws Exception {
    Object caseId = job.getVariablesAsMap().get(CASE_ID);
    try (MDC.MDCCloseable key = MDC.putCloseable(JOB_KEY, String.valueOf(job.getKey()));
        MDC.MDCCloseable type = MDC.putCloseable(JOB_TYPE, job.getType());
        MDC.MDCCloseable caseKey = MDC.putCloseable(CASE_ID, caseId == null ? null : caseId.toString())) {
      call.run();
    }
  }

  @FunctionalInterface
  interface HandlerCall {
    void run() throws Exception;
  }

  /**
   * Opens every annotated worker with its handler wrapped in the job's log context and, for a worker whose
   * job the starter completes, in the job's transaction ({@link JobTransactions}). A worker that completes
   * its job itself (binding the process instance) tells the engine inside its handler, so its few writes
   * commit on their own.
   */
  static final class Manager extends JobWorkerManager {

    private final JobTransactions transactions;

    Manager(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics, ParameterResolverStrategy parameters,
        ResultProcessorStrategy results, BackoffSupplier backoff, JobExceptionHandlingStrategy exceptions,
        JobTransactions transactions) {
      super(commands, metrics, parameters, results, backoff, exceptions);
      this.transactions = transactions;
    }

    @Override
    public JobWorker openWorker(CamundaClient client, JobWorkerValue worker, JobHandler handler) {
      fetchAlso(worker, CASE_ID);
      boolean oneTransaction = !Boolean.FALSE.equals(worker.getAutoComplete());
      return super.openWorker(client, worker, (jobClient, job) -> handle(job, () -> {
        if (!oneTransaction || !transactions.tryBegin()) {
          handler.handle(jobClient, job);
          return;
        }
        try {
          handler.handle(jobClient, job); // commits in the result processor, or the exception handler decides
        } finally {
          transactions.rollback(); // nothing left open for the thread's next job
        }
      }));
    }

    /**
     * A worker that names the variables it reads gets only those; it must also get the case id of the
     * log context. Done here, when the worker opens, after every customizer has set its list.
     */
    static void fetchAlso(JobWorkerValue worker, String... names) {
      List<String> fetched = worker.getFetchVariables();
      if (fetched != null && !fetched.isEmpty()) {
        List<String> more = new ArrayList<>(fetched);
        more.addAll(List.of(names));
        worker.setFetchVariables(more.stream().distinct().toList());
      }
    }
  }
}
