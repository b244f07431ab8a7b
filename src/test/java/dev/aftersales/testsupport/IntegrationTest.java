package dev.aftersales.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.timeline.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application (API, case store, real workers) against a
 * real MariaDB, the real Zeebe engine and WireMock for the third-party systems. The data source is
 * wrapped by {@link SqlStatements} so a test can count the statements a case costs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test") // the API users of the tests: src/test/resources/application-test.yaml
@Import(SqlStatements.Wrapping.class) // on the base class, so every integration test shares one context
public abstract class IntegrationTest {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("aftersales.database.embedded.enabled", () -> "false");
    registry.add("spring.datasource.url", () -> TestInfrastructure.database().jdbcUrl());
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
    registry.add("camunda.client.grpc-address", () -> "http://" + TestInfrastructure.zeebe().gatewayAddress());
    // The models' deployment at context start can take longer than the client's 10 s on 2 busy cores.
    registry.add("camunda.client.request-timeout", () -> "60s");
    // ZPT has no REST gateway: the user-task API v2 goes to WireMock, where tests stub and verify it and
    // CamundaApiContract checks each exchange against Camunda's rest-api.yaml.
    registry.add("camunda.client.rest-address", () -> TestInfrastructure.wireMock().baseUrl());
    registry.add("aftersales.integration.base-url", () -> TestInfrastructure.wireMock().baseUrl());
    // Fail fast in tests: a technical failure is retried once after 100 ms, not after minutes.
    registry.add("aftersales.workers.initial-backoff", () -> "100ms");
    registry.add("aftersales.workers.max-backoff", () -> "1s");
  }

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /**
   * How long a wait goes before it looks for jobs the engine stranded in their backoff (a step tried again after a
   * failure: {@link ProcessTestEngine#recurJobsStrandedInBackoff}), and again after each such look.
   */
  private static final Duration STRANDED_CHECK = Duration.ofSeconds(5);

  /** Every exchange with the engine's REST API in this test kept Camunda's published contract. */
  @AfterEach
  void camundaApiContractKept() {
    CamundaApiContract.assertKept();
  }

  @Autowired private CaseRepository caseStore;
  @Autowired private Timeline caseTimeline;

  /**
   * Polls the case store until the case reaches the state the live workers should bring it to; on
   * timeout the failure shows where the case stands and its timeline. A step the engine stranded in
   * its backoff (camunda/camunda#16884) is recurred on the way, as a busy cluster would.
   */
  protected AfterSalesCase awaitCase(String caseId, String state, Predicate<AfterSalesCase> reached) {
    Instant deadline = Instant.now().plus(PATIENCE);
    Instant nextStrandedCheck = Instant.now().plus(STRANDED_CHECK);
    AfterSalesCase c = caseStore.require(caseId);
    while (!reached.test(c)) {
      if (Instant.now().isAfter(nextStrandedCheck)) {
        zeebe().recurJobsStrandedInBackoff();
        nextStrandedCheck = Instant.now().plus(STRANDED_CHECK);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("case %s did not become %s within %s; it is %s; timeline: %s; %s"
            .formatted(caseId, state, PATIENCE, c.getStatus(), caseTimeline.of(caseId), zeebe().jobsTimedOut()));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for case " + caseId, e);
      }
      c = caseStore.require(caseId);
    }
    return c;
  }

  protected AfterSalesCase awaitStatus(String caseId, CaseStatus status) {
    return awaitCase(caseId, status.name(), c -> c.getStatus() == status);
  }

  protected static ProcessTestEngine zeebe() {
    return TestInfrastructure.zeebe();
  }

  protected static WireMockServer wireMock() {
    return TestInfrastructure.wireMock();
  }

}
