package dev.aftersales.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.CamundaClientBuilderImpl;
import io.camunda.client.impl.CamundaClientImpl;
import io.camunda.client.impl.NoopCredentialsProvider;
import io.grpc.ManagedChannel;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NoCallCredentialsWithoutAuthTest {

  private final NoCallCredentialsWithoutAuth processor = new NoCallCredentialsWithoutAuth();

  @Test
  void withoutAuthenticationTheClientsCallsCarryNoCallCredentials() {
    CamundaClientConfiguration starters = configuration(new NoopCredentialsProvider());
    assertThat(callCredentialsOf(starters)).as("the starter's no-op provider").isTrue();

    CamundaClientConfiguration used = (CamundaClientConfiguration) processor
        .postProcessAfterInitialization(starters, "camundaClientConfiguration");

    assertThat(used.getCredentialsProvider()).isNull();
    assertThat(callCredentialsOf(used)).isFalse();
    assertThat(used.getGrpcAddress()).isEqualTo(starters.getGrpcAddress());
    assertThat(used.getDefaultRequestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(used.getNumJobWorkerExecutionThreads()).isEqualTo(starters.getNumJobWorkerExecutionThreads());
    assertThat(processor.postProcessAfterInitialization(used, "again")).isSameAs(used);
  }

  @Test
  void configuredAuthenticationIsKept() {
    CredentialsProvider oidc = new CredentialsProvider() {
      @Override
      public void applyCredentials(CredentialsApplier applier) {
        applier.put("Authorization", "Bearer token");
      }

      @Override
      public boolean shouldRetryRequest(StatusCode status) {
        return false;
      }
    };
    CamundaClientConfiguration starters = configuration(oidc);

    Object used = processor.postProcessAfterInitialization(starters, "camundaClientConfiguration");

    assertThat(used).isSameAs(starters);
    assertThat(callCredentialsOf(starters)).isTrue();
    assertThat(processor.postProcessAfterInitialization("not a configuration", "other")).isEqualTo("not a configuration");
  }

  /** The application as it runs in the tests and the local stack, where no authentication is configured. */
  @Nested
  class InTheApplication extends IntegrationTest {

    @Autowired CamundaClientConfiguration configuration;

    @Test
    void theClientHasNoCredentialsProvider() {
      assertThat(configuration.getCredentialsProvider()).isNull();
      assertThat(callCredentialsOf(configuration)).isFalse();
    }
  }

  private static CamundaClientConfiguration configuration(CredentialsProvider credentials) {
    CamundaClientBuilderImpl builder = new CamundaClientBuilderImpl();
    builder.grpcAddress(URI.create("http://localhost:26500")).defaultRequestTimeout(Duration.ofSeconds(7))
        .credentialsProvider(credentials);
    return builder;
  }

  /** Whether the gRPC stub the client builds from the configuration applies call credentials to its calls. */
  private static boolean callCredentialsOf(CamundaClientConfiguration configuration) {
    ManagedChannel channel = CamundaClientImpl.buildChannel(configuration);
    try {
      return CamundaClientImpl.buildGatewayStub(channel, configuration).getCallOptions().getCredentials() != null;
    } finally {
      channel.shutdownNow();
    }
  }
}
