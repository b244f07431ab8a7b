package dev.aftersales.process;

import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProcessConfiguration {

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(
      CommandExceptionHandlingStrategy commands, MetricsRecorder metrics, WorkerProperties properties) {
    return new RetryingJobExceptionHandler(commands, metrics, properties);
  }
}
