package dev.aftersales.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ProcessTestEngine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker behind {@link KubernetesManifestsTest}: it takes what the application takes, and nothing else. */
class ConfigurationKeysTest {

  private static final ConfigurationKeys KNOWN = ConfigurationKeys.fromClasspath();

  @Test
  void readsOursSpringBootsAndCamundasMetadata() {
    assertThat(KNOWN.problemWith("aftersales.intake.start-retry-delay")).isEmpty();
    assertThat(KNOWN.problemWith("spring.datasource.url")).isEmpty();
    assertThat(KNOWN.problemWith("camunda.client.grpc-address")).isEmpty();
    assertThat(KNOWN.size()).isGreaterThan(1000);
  }

  @Test
  void acceptsRelaxedNamesAndKeysBelowListsMapsAndRecords() {
    assertThat(KNOWN.problemWith("camunda.client.auth.clientId")).isEmpty();
    assertThat(KNOWN.problemWith("aftersales.security.users[0].user-name")).isEmpty();
    assertThat(KNOWN.problemWith("aftersales.security.users[0].username")).isEmpty();
    assertThat(KNOWN.problemWith("aftersales.security.users[3].roles")).isEmpty();
    assertThat(KNOWN.problemWith("aftersales.integration.systems.payments")).isEmpty();
    assertThat(KNOWN.problemWith("logging.level.dev.aftersales")).isEmpty();
    assertThat(KNOWN.problemWith("spring.datasource.hikari.maximum-pool-size")).isEmpty();
    assertThat(KNOWN.problemWith("management.endpoint.health.group.readiness.include")).isEmpty();
  }

  @Test
  void mapsEnvironmentVariablesTheWaySpringDoes() {
    assertThat(ConfigurationKeys.propertyOfEnvironmentVariable("CAMUNDA_CLIENT_AUTH_CLIENTSECRET"))
        .isEqualTo("camunda.client.auth.clientsecret");
    assertThat(ConfigurationKeys.propertyOfEnvironmentVariable("AFTERSALES_SECURITY_USERS_0_ROLES"))
        .isEqualTo("aftersales.security.users[0].roles");
    assertThat(KNOWN.problemWith(ConfigurationKeys.propertyOfEnvironmentVariable("SPRING_DATASOURCE_PASSWORD")))
        .isEmpty();
  }

  @Test
  void refusesMisspelledUnknownAndDeprecatedKeys() {
    assertThat(KNOWN.problemWith("camunda.client.grpc-adress")).hasValueSatisfying(p -> assertThat(p)
        .contains("no such configuration property"));
    assertThat(KNOWN.problemWith("aftersales.integration.sytems.oms")).isPresent();
    String misspeltVariable = ConfigurationKeys.propertyOfEnvironmentVariable("AFTERSALES_DATABASE_EMBEDED_ENABLED");
    assertThat(KNOWN.problemWith(misspeltVariable)).isPresent();
    assertThat(KNOWN.problemWith("aftersales.security.users[0].login")).hasValueSatisfying(p -> assertThat(p)
        .contains("has no property 'login'"));
    assertThat(KNOWN.problemWith("aftersales.security.users.username")).hasValueSatisfying(p -> assertThat(p)
        .contains("an index [n] must follow"));
    assertThat(KNOWN.problemWith("aftersales.database.embedded.enabled.really")).hasValueSatisfying(p -> assertThat(p)
        .contains("single value"));
    assertThat(KNOWN.problemWith("camunda.client.zeebe.grpc-address")).hasValueSatisfying(p -> assertThat(p)
        .contains("deprecated"));
  }

  @Test
  void aDeliberatelyWrongKeyInTheManifestsIsReportedWithWhereItIsSet() throws IOException {
    Path app = ProcessTestEngine.projectRoot().resolve("deploy/kubernetes/app");
    String deployment = Files.readString(app.resolve("deployment.yaml"))
        .replace("name: CAMUNDA_CLIENT_AUTH_CLIENTSECRET", "name: CAMUNDA_CLIENT_AUTH_SECRET");
    String configMap = Files.readString(app.resolve("configmap.yaml"))
        .replace("read-timeout: 10s", "read-timeout: 10s\n        retry-count: 3");
    List<HasMetadata> objects = new java.util.ArrayList<>(AppManifests.parse(deployment));
    objects.addAll(AppManifests.parse(configMap));

    List<String> problems = AppManifests.keyProblems(objects, KNOWN, Set.of());

    assertThat(problems).containsExactlyInAnyOrder(
        "env CAMUNDA_CLIENT_AUTH_SECRET of aftersales-orchestrator → "
            + "camunda.client.auth.secret: no such configuration property",
        "key aftersales.integration.retry-count of ConfigMap aftersales-config/application.yaml → "
            + "aftersales.integration.retry-count: no such configuration property");
  }

  @Test
  void theApplicationsOwnConfigurationFilesUseOnlyKnownKeys() throws IOException {
    Path resources = ProcessTestEngine.projectRoot().resolve("src");
    List<String> problems = new java.util.ArrayList<>();
    for (Path file : List.of(resources.resolve("main/resources/application.yaml"),
        resources.resolve("main/resources/application-local.yaml"),
        resources.resolve("test/resources/application-test.yaml"))) {
      ConfigurationKeys.flatten(AppManifests.readTree(Files.readString(file))).keySet().forEach(key ->
          KNOWN.problemWith(key).ifPresent(problem -> problems.add(file.getFileName() + ": " + problem)));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void flattensYamlAsSpringDoes() {
    assertThat(ConfigurationKeys.flatten(AppManifests.readTree("""
        a:
          b: 1
          users:
            - name: x
          tags: [p, q]
        """))).containsOnlyKeys("a.b", "a.users[0].name", "a.tags");
  }
}
