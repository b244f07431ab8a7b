package dev.aftersales.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.TestInfrastructure;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The readiness probe's engine check against the real engine, and against a gateway that is not there. */
class EngineHealthIndicatorTest {

  private static final EngineHealthProperties ONE_SECOND = new EngineHealthProperties(Duration.ofSeconds(1));

  @Test
  void upWhenTheGatewayAnswersAndEveryPartitionHasALeader() {
    CamundaClient client = TestInfrastructure.zeebe().client();

    Health health = new EngineHealthIndicator(client, ONE_SECOND).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("brokers", 1)
        .containsEntry("partitions", 1)
        .doesNotContainKey("partitionsWithoutLeader");
  }

  @Test
  void downWithinTheTimeoutWhenNoGatewayAnswers() throws IOException {
    try (CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://localhost:" + unusedPort()))
        .preferRestOverGrpc(false)
        .build()) {
      Instant start = Instant.now();

      Health health = new EngineHealthIndicator(client, ONE_SECOND).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsKey("error");
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
