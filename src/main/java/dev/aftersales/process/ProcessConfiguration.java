package dev.aftersales.process;

import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics, WorkerProperties properties, JobAttempts attempts, MeterRegistry registry) {
    return new RetryingJobExceptionHandler(commands, metrics, properties, attempts, registry);
  }

  /**
   * Every worker's jobs run with the case id and job key in the log context ({@link JobLogContext}).
   * Primary: the starter defines its own manager unconditionally; the annotated workers are opened by this one.
   */
  @Bean
  @Primary
  JobWorkerManager caseLoggingJobWorkerManager(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics,
      ParameterResolverStrategy parameters, ResultProcessorStrategy results, BackoffSupplier backoff,
      JobExceptionHandlingStrategy exceptions) {
    return new JobLogContext.Manager(commands, metrics, parameters, results, backoff, exceptions);
  }
}
