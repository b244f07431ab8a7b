package dev.aftersales.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Spring Security's own observations are off ({@code management.observations.enable.spring.security: false}): they
 * timed each of its filters on every request and cost as much CPU as the intake's checks (docs/benchmarks.md). A
 * request is still measured as a whole ({@code http.server.requests}).
 */
class ObservationsTest extends ApiTest {

  @Autowired ObservationRegistry observations;
  @Autowired MeterRegistry meters;

  @Test
  void springSecurityIsNotObservedButRequestsAre() {
    Observation security = Observation.start("spring.security.filterchains", observations);
    assertThat(security.isNoop()).as("Spring Security's observations").isTrue();
    security.stop();

    assertThat(get(TestUser.AUDITOR, "/actuator/health").status()).isEqualTo(200);

    assertThat(meters.find("http.server.requests").timers()).as("requests measured").isNotEmpty();
    assertThat(meters.find("spring.security.filterchains").timers()).as("no timer per security filter").isEmpty();
  }
}
