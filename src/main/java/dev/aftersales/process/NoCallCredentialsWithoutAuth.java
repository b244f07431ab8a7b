package dev.aftersales.process;

import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.JsonMapper;
import io.camunda.client.impl.NoopCredentialsProvider;
import io.grpc.ClientInterceptor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * With no authentication configured ({@code camunda.client.auth.method} unset or {@code none}: the local stack, the
 * tests, the benchmark), the Camunda client gets no credentials provider at all rather than the starter's
 * {@link NoopCredentialsProvider}. The client attaches gRPC call credentials whenever it has a provider, and grpc-java
 * applies call credentials on its executor: every command (a job's completion, a message, a decision, a process
 * start) then waited for a hop to another thread and a stream buffered until that thread ran, only to add no header.
 * Without a provider the call starts on the calling thread. The client's own builder leaves the provider unset in
 * that case too, and its REST client falls back to a no-op provider by itself; with basic or OIDC authentication
 * (production) the starter's provider is kept as it is.
 */
final class NoCallCredentialsWithoutAuth implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(NoCallCredentialsWithoutAuth.class);

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof CamundaClientConfiguration configuration
        && !(bean instanceof WithoutCredentials)
        && configuration.getCredentialsProvider() instanceof NoopCredentialsProvider) {
      log.info("No Camunda client authentication configured: the client's calls carry no call credentials");
      return new WithoutCredentials(configuration);
    }
    return bean;
  }

  /** The starter's configuration in every respect but the credentials provider, which is none. */
  record WithoutCredentials(CamundaClientConfiguration configuration) implements CamundaClientConfiguration {

    @Override
    public CredentialsProvider getCredentialsProvider() {
      return null;
    }

    @Override
    public URI getRestAddress() {
      return configuration.getRestAddress();
    }

    @Override
    public URI getGrpcAddress() {
      return configuration.getGrpcAddress();
    }

    @Override
    public String getDefaultTenantId() {
      return configuration.getDefaultTenantId();
    }

    @Override
    public List<String> getDefaultJobWorkerTenantIds() {
      return configuration.getDefaultJobWorkerTenantIds();
    }

    @Override
    public int getNumJobWorkerExecutionThreads() {
      return configuration.getNumJobWorkerExecutionThreads();
    }

    @Override
    public int getDefaultJobWorkerMaxJobsActive() {
      return configuration.getDefaultJobWorkerMaxJobsActive();
    }

    @Override
    public String getDefaultJobWorkerName() {
      return configuration.getDefaultJobWorkerName();
    }

    @Override
    public Duration getDefaultJobTimeout() {
      return configuration.getDefaultJobTimeout();
    }

    @Override
    public Duration getDefaultJobPollInterval() {
      return configuration.getDefaultJobPollInterval();
    }

    @Override
    public Duration getDefaultMessageTimeToLive() {
      return configuration.getDefaultMessageTimeToLive();
    }

    @Override
    public Duration getDefaultRequestTimeout() {
      return configuration.getDefaultRequestTimeout();
    }

    @Override
    public Duration getDefaultRequestTimeoutOffset() {
      return configuration.getDefaultRequestTimeoutOffset();
    }

    @Override
    public String getCaCertificatePath() {
      return configuration.getCaCertificatePath();
    }

    @Override
    public Duration getKeepAlive() {
      return configuration.getKeepAlive();
    }

    @Override
    public List<ClientInterceptor> getInterceptors() {
      return configuration.getInterceptors();
    }

    @Override
    public List<AsyncExecChainHandler> getChainHandlers() {
      return configuration.getChainHandlers();
    }

    @Override
    public JsonMapper getJsonMapper() {
      return configuration.getJsonMapper();
    }

    @Override
    public String getOverrideAuthority() {
      return configuration.getOverrideAuthority();
    }

    @Override
    public int getMaxMessageSize() {
      return configuration.getMaxMessageSize();
    }

    @Override
    public int getMaxMetadataSize() {
      return configuration.getMaxMetadataSize();
    }

    @Override
    public ScheduledExecutorService jobWorkerExecutor() {
      return configuration.jobWorkerExecutor();
    }

    @Override
    public boolean ownsJobWorkerExecutor() {
      return configuration.ownsJobWorkerExecutor();
    }

    @Override
    public boolean getDefaultJobWorkerStreamEnabled() {
      return configuration.getDefaultJobWorkerStreamEnabled();
    }

    @Override
    public boolean useDefaultRetryPolicy() {
      return configuration.useDefaultRetryPolicy();
    }

    @Override
    public boolean preferRestOverGrpc() {
      return configuration.preferRestOverGrpc();
    }

    @Override
    public int getMaxHttpConnections() {
      return configuration.getMaxHttpConnections();
    }

    @Override
    public String toString() {
      return configuration + " (no call credentials)";
    }
  }
}
