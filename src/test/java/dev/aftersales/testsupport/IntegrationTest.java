package dev.aftersales.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
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
    registry.add("camunda.client.rest-address", () -> "http://localhost:1");
    registry.add("aftersales.integration.base-url", () -> TestInfrastructure.wireMock().baseUrl());
    // Fail fast in tests: a technical failure is retried once after 100 ms, not after minutes.
    registry.add("aftersales.workers.initial-backoff", () -> "100ms");
    registry.add("aftersales.workers.max-backoff", () -> "1s");
  }

  protected static ProcessTestEngine zeebe() {
    return TestInfrastructure.zeebe();
  }

  protected static WireMockServer wireMock() {
    return TestInfrastructure.wireMock();
  }

}
