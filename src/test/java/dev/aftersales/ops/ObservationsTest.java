package dev.aftersales.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Spring Security's own observations are off ({@code management.observations.enable.spring.security: false}): they
 * timed each of its filters on every request and cost as much CPU as the intake's checks (docs/benchmarks.md), and
 * with them off its filter chain is not wrapped in observing filters either. A request is still measured as a whole
 * ({@code http.server.requests}).
 */
class ObservationsTest extends ApiTest {

  @Autowired ObservationRegistry observations;
  @Autowired MeterRegistry meters;
  @Autowired FilterChainProxy securityFilters;

  @Test
  void springSecurityIsNotObservedButRequestsAre() {
    Observation security = Observation.start("spring.security.filterchains", observations);
    assertThat(security.isNoop()).as("Spring Security's observations").isTrue();
    security.stop();

    assertThat(get(TestUser.AUDITOR, "/actuator/health").status()).isEqualTo(200);

    assertThat(meters.find("http.server.requests").timers()).as("requests measured").isNotEmpty();
    assertThat(meters.find("spring.security.filterchains").timers()).as("no timer per security filter").isEmpty();
    assertThat(ReflectionTestUtils.getField(securityFilters, "filterChainDecorator"))
        .as("the security filters, not wrapped one by one in observing filters")
        .isNotInstanceOf(ObservationFilterChainDecorator.class);
  }
}
