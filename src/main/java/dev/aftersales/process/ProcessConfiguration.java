package dev.aftersales.process;

import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.jobhandling.parameter.ParameterResolverStrategy;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics, WorkerProperties properties, MeterRegistry registry) {
    return new RetryingJobExceptionHandler(commands, metrics, properties, registry);
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

  /**
   * A worker that names the variables it reads gets only those; it must also get the attempt count
   * the retry handler keeps, or every failure would look like the first.
   */
  @Bean
  JobWorkerValueCustomizer failedAttemptsFetched() {
    return worker -> {
      List<String> fetched = worker.getFetchVariables();
      if (fetched != null && !fetched.isEmpty() && !fetched.contains(RetryingJobExceptionHandler.FAILED_ATTEMPTS)) {
        List<String> withAttempts = new ArrayList<>(fetched);
        withAttempts.add(RetryingJobExceptionHandler.FAILED_ATTEMPTS);
        withAttempts.add(JobLogContext.CASE_ID);
        worker.setFetchVariables(withAttempts.stream().distinct().toList());
      }
    };
  }
}
