package dev.aftersales.process;

import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.ResultProcessor;
import io.camunda.client.jobhandling.result.ResultProcessorContext;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

  /** No call credentials on the client's commands when no authentication is configured. */
  @Bean
  static NoCallCredentialsWithoutAuth noCallCredentialsWithoutAuth() {
    return new NoCallCredentialsWithoutAuth();
  }

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics, WorkerProperties properties, JobAttempts attempts, MeterRegistry registry,
      JobTransactions transactions) {
    return new RetryingJobExceptionHandler(commands, metrics, properties, attempts, registry, transactions);
  }

  /**
   * Every worker's jobs run with the case id and job key in the log context ({@link JobLogContext}).
   * Primary: the starter defines its own manager unconditionally; the annotated workers are opened by this one.
   */
  @Bean
  @Primary
  JobWorkerManager caseLoggingJobWorkerManager(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics,
      ParameterResolverStrategy parameters, ResultProcessorStrategy results, BackoffSupplier backoff,
      JobExceptionHandlingStrategy exceptions, JobAttempts attempts, JobTransactions transactions) {
    return new JobLogContext.Manager(commands, metrics, parameters, committing(results, attempts, transactions),
        backoff, exceptions, transactions);
  }

  /**
   * A worker method returned normally: its step is not blocked (any more), and the job's writes commit. The
   * result processor is the one hook the starter calls only after a successful invocation, with the job,
   * before the completion is sent: the engine never moves on from a step whose writes are not committed.
   */
  static ResultProcessorStrategy committing(ResultProcessorStrategy results, JobAttempts attempts,
      JobTransactions transactions) {
    return new ResultProcessorStrategy() {
      @Override
      public ResultProcessor createProcessor(MethodInfo method) {
        ResultProcessor processor = results.createProcessor(method);
        return new ResultProcessor() {
          @Override
          public Object process(ResultProcessorContext context) {
            Object result = processor.process(context);
            attempts.succeeded(context.getJob().getKey());
            transactions.commit();
            return result;
          }
        };
      }
    };
  }
}
