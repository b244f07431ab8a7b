package dev.aftersales.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** What is open (probes, scraping), what needs which user, and that refusals are problem+json. */
class SecurityApiTest extends ApiTest {

  @Test
  void healthIsOpenButItsDetailsNeedAUser() {
    Answer anonymous = call(null, HttpMethod.GET, "/actuator/health", null);
    Answer owner = get(TestUser.OWNER, "/actuator/health");

    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body().has("components")).isFalse();
    assertThat(owner.status()).isEqualTo(200);
    assertThat(owner.body().path("components").has("db")).isTrue();
    assertThat(call(null, HttpMethod.GET, "/actuator/health/liveness", null).status()).isEqualTo(200);
  }

  @Test
  void infoIsOpenOtherActuatorEndpointsAreNot() {
    // Prometheus is opened by the same rule; test contexts have no metrics export, so it is not served here.
    assertThat(call(null, HttpMethod.GET, "/actuator/info", null).status()).isEqualTo(200);
    assertThat(call(null, HttpMethod.GET, "/actuator/metrics", null).status()).isEqualTo(401);
    assertThat(get(TestUser.CHANNEL, "/actuator/metrics").status()).isEqualTo(403);
    assertThat(get(TestUser.AUDITOR, "/actuator/metrics").status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIs401Problem() {
    Answer answer = call(TestUser.AGENT.username, "wrong", HttpMethod.GET, "/api/after-sales/cases/x", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"after-sales\"");
    assertThat(answer.body().path("status").asInt()).isEqualTo(401);
  }

  @Test
  void pathsNotListedAreClosed() {
    assertThat(call(null, HttpMethod.GET, "/api/reports/not-listed", null).status()).isEqualTo(401);
    Answer agent = get(TestUser.AGENT, "/api/reports/not-listed");
    assertThat(agent.status()).isEqualTo(403);
    assertThat(agent.contentType()).isEqualTo("application/problem+json");
  }
}
