package dev.aftersales.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * The paths the Kubernetes probes call (deploy/kubernetes/app/deployment.yaml): readiness includes the
 * database and the engine, liveness neither.
 */
class HealthProbesTest extends ApiTest {

  @Test
  void readinessIncludesTheDatabaseAndTheEngine() {
    Answer readiness = get(TestUser.AUDITOR, "/actuator/health/readiness");

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body().path("status").asText()).isEqualTo("UP");
    assertThat(readiness.body().path("components").fieldNames())
        .toIterable().containsExactlyInAnyOrder("readinessState", "db", "engine");
    assertThat(readiness.body().path("components").path("engine").path("details").path("partitions").asInt())
        .isPositive();
  }

  @Test
  void livenessDependsOnNothingOutsideThePod() {
    Answer liveness = get(TestUser.AUDITOR, "/actuator/health/liveness");

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body().path("components").fieldNames()).toIterable().containsExactly("livenessState");
  }

  @Test
  void theStartersOwnCamundaCheckIsReplacedByTheEngineCheck() {
    Answer health = get(TestUser.AUDITOR, "/actuator/health");

    assertThat(health.body().path("components").fieldNames()).toIterable()
        .contains("engine", "db").doesNotContain("camundaClient");
  }

  @Test
  void probesNeedNoCredentials() {
    assertThat(get(null, "/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(get(null, "/actuator/health/liveness").status()).isEqualTo(200);
  }
}
