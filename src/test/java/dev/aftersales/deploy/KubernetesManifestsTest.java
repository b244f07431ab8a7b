package dev.aftersales.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * deploy/kubernetes without a cluster: the application's manifests as typed Kubernetes objects and the Camunda
 * Helm values, checked for what an operator relies on (docs/deployment.md) and for configuration keys that the
 * application would silently ignore.
 */
class KubernetesManifestsTest {

  private static final Path ROOT = ProcessTestEngine.projectRoot();
  private static final Path APP = ROOT.resolve("deploy/kubernetes/app");
  private static final Path HELM_VALUES = ROOT.resolve("deploy/kubernetes/camunda/values.yaml");
  /** The last segment of a key or variable that holds a secret (token-url does not, client-secret does). */
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credentials?|apikey)$");

  private static List<HasMetadata> objects;
  private static Deployment deployment;
  private static Container app;
  private static JsonNode applicationYaml;
  private static String applicationYamlText;

  @BeforeAll
  static void load() throws IOException {
    objects = AppManifests.load(APP);
    deployment = AppManifests.single(objects, Deployment.class);
    app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    applicationYamlText = Files.readString(ROOT.resolve("src/main/resources/application.yaml"));
    applicationYaml = AppManifests.readTree(applicationYamlText);
  }

  @Test
  void everyManifestIsATypedKubernetesObjectListedInTheKustomization() throws IOException {
    assertThat(objects).extracting(HasMetadata::getKind).contains(
        "Namespace", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");
    JsonNode kustomization = AppManifests.YAML.readTree(APP.resolve("kustomization.yaml").toFile());
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(APP)) {
      assertThat(listed).isEqualTo(new TreeSet<>(files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList()));
    }
  }

  @Test
  void everyFieldIsOneTheKubernetesApiKnows() {
    assertThat(objects.stream().flatMap(o -> AppManifests.unknownFields(o).stream()).toList()).isEmpty();
  }

  @Test
  void aMisspeltFieldIsReported() throws IOException {
    String typo = Files.readString(APP.resolve("deployment.yaml")).replace("readinessProbe:", "readinesProbe:");

    assertThat(AppManifests.unknownFields(AppManifests.parse(typo).get(0)))
        .containsExactly("Deployment aftersales-orchestrator.spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void deploymentRunsAtLeastTwoPodsAndReplacesThemOneByOne() {
    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void everyContainerHasCpuAndMemoryRequestsAndAMemoryLimit() {
    for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
      Map<String, Quantity> requests = container.getResources().getRequests();
      assertThat(requests).as(container.getName()).containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
      assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
    }
  }

  @Test
  void probesCallTheActuatorHealthGroupsOnTheApplicationPort() {
    String base = text(applicationYaml, "management.endpoints.web.base-path", "/actuator");
    assertThat(applicationYaml.at("/management/server/port").isMissingNode())
        .as("the probes expect actuator on the application's port").isTrue();
    JsonNode groups = applicationYaml.at("/management/endpoint/health/group");
    assertThat(csv(groups.at("/readiness/include"))).contains("readinessState", "db", "engine");
    assertThat(csv(groups.at("/liveness/include"))).doesNotContain("db", "engine");

    assertProbe(app.getReadinessProbe(), base + "/health/readiness");
    assertProbe(app.getLivenessProbe(), base + "/health/liveness");
    assertProbe(app.getStartupProbe(), base + "/health/liveness");
    Duration engineTimeout = DurationStyle.detectAndParse(
        configMapApplicationYaml().at("/aftersales/health/engine/timeout").asText("3s"));
    assertThat(Duration.ofSeconds(app.getReadinessProbe().getTimeoutSeconds()))
        .as("the engine check must answer before the probe gives up").isGreaterThan(engineTimeout);
  }

  private void assertProbe(Probe probe, String path) {
    assertThat(probe).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get.getPath()).isEqualTo(path);
    ContainerPort port = app.getPorts().stream().filter(p -> p.getName().equals(get.getPort().getStrVal()))
        .findFirst().orElseThrow(() -> new AssertionError("probe port " + get.getPort() + " is not a named port"));
    // server.port is ${PORT:8090}; the manifests do not set PORT.
    assertThat(app.getEnv()).extracting(EnvVar::getName).doesNotContain("PORT", "SERVER_PORT");
    assertThat(applicationYaml.at("/server/port").asText()).isEqualTo("${PORT:" + port.getContainerPort() + "}");
  }

  @Test
  void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Service service = AppManifests.single(objects, Service.class);
    assertThat(service.getSpec().getSelector()).isNotEmpty();
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).allSatisfy(p -> assertThat(app.getPorts())
        .extracting(ContainerPort::getName).contains(p.getTargetPort().getStrVal()));

    PodDisruptionBudget budget = AppManifests.single(objects, PodDisruptionBudget.class);
    assertThat(budget.getSpec().getSelector().getMatchLabels()).isNotEmpty()
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(budget.getSpec().getMinAvailable().getIntVal())
        .as("a drain must be able to evict a pod").isPositive().isLessThan(deployment.getSpec().getReplicas());
  }

  @Test
  void autoscalerScalesTheDeploymentFromTwoPodsOnCpu() {
    HorizontalPodAutoscaler hpa = AppManifests.single(objects, HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
    assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
    // Utilization is relative to the request: without one the autoscaler cannot compute it.
    assertThat(app.getResources().getRequests()).containsKey("cpu");
  }

  @Test
  void secretsAreReferencedNeverWritten() throws IOException {
    assertThat(AppManifests.ofKind(objects, Secret.class)).as("no Secret is committed").isEmpty();
    String deploymentDoc = Files.readString(ROOT.resolve("docs/deployment.md"));
    List<String> problems = new ArrayList<>();
    for (EnvVar env : app.getEnv()) {
      SecretKeySelector ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
      if (SECRET_NAME.matcher(lastSegment(env.getName(), "_")).matches() && ref == null) {
        problems.add(env.getName() + " is not read from a Secret");
      }
      if (ref != null && !(deploymentDoc.contains("`" + ref.getName() + "`")
          && deploymentDoc.contains("`" + ref.getKey() + "`"))) {
        problems.add(env.getName() + ": Secret " + ref.getName() + "/" + ref.getKey()
            + " is not in docs/deployment.md");
      }
    }
    for (ConfigMap configMap : AppManifests.ofKind(objects, ConfigMap.class)) {
      configMap.getData().forEach((file, content) -> ConfigurationKeys.flatten(AppManifests.readTree(content))
          .keySet().stream()
          .filter(key -> SECRET_NAME.matcher(lastSegment(ConfigurationKeys.canonical(key), ".")).matches())
          .forEach(key -> problems.add("ConfigMap " + configMap.getMetadata().getName() + " sets " + key)));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theConfigMapIsMountedWhereSpringLooksForIt() {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    ConfigMap config = AppManifests.single(objects, ConfigMap.class);
    Volume volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
        && v.getConfigMap().getName().equals(config.getMetadata().getName())).findFirst().orElseThrow();
    VolumeMount mount = app.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
        .findFirst().orElseThrow();
    String location = app.getEnv().stream().filter(e -> e.getName().equals("SPRING_CONFIG_ADDITIONALLOCATION"))
        .findFirst().orElseThrow().getValue();
    assertThat(location).endsWith(mount.getMountPath() + "/");
    assertThat(config.getData()).containsKey("application.yaml");
  }

  @Test
  void theApplicationRunsOnTheExternalMySqlAndTheHelmReleasesGateway() {
    JsonNode config = configMapApplicationYaml();
    assertThat(config.at("/aftersales/database/embedded/enabled").asBoolean(true)).isFalse();
    assertThat(app.getEnv()).extracting(EnvVar::getName)
        .contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
            "CAMUNDA_CLIENT_AUTH_CLIENTID", "CAMUNDA_CLIENT_AUTH_CLIENTSECRET");
    assertThat(config.at("/camunda/client/auth/method").asText()).isEqualTo("oidc");
    // The gateway Service of the Helm release "camunda" (camunda/values.yaml), gRPC and REST ports.
    assertThat(config.at("/camunda/client/grpc-address").asText())
        .startsWith("http://c8-zeebe-gateway.").endsWith(":26500");
    assertThat(config.at("/camunda/client/rest-address").asText())
        .startsWith("http://c8-zeebe-gateway.").endsWith(":8080");
  }

  @Test
  void everyConfigurationKeyTheManifestsSetExistsInTheApplication() {
    ConfigurationKeys known = ConfigurationKeys.fromClasspath();
    Map<String, String> keys = AppManifests.configurationKeys(objects);
    assertThat(keys).hasSizeGreaterThan(20);

    assertThat(AppManifests.keyProblems(objects, known, AppManifests.placeholders(applicationYamlText))).isEmpty();
  }

  @Test
  void helmValuesRunThreeBrokersThreePartitionsReplicatedThreeTimesWithOidc() throws IOException {
    JsonNode values = AppManifests.YAML.readTree(HELM_VALUES.toFile());
    JsonNode orchestration = values.path("orchestration");
    int brokers = orchestration.path("clusterSize").asInt();
    int partitions = orchestration.path("partitionCount").asInt();
    int replication = orchestration.path("replicationFactor").asInt();
    assertThat(brokers).isEqualTo(3);
    assertThat(partitions).isEqualTo(3);
    assertThat(replication).isEqualTo(3).isLessThanOrEqualTo(brokers);
    assertThat(orchestration.at("/podDisruptionBudget/maxUnavailable").asInt())
        .as("a drain must leave a quorum of every partition").isLessThanOrEqualTo(replication / 2);

    assertThat(values.at("/global/security/authentication/method").asText()).isEqualTo("oidc");
    assertThat(orchestration.at("/security/authentication/method").asText()).isEqualTo("oidc");
    assertThat(values.at("/global/identity/auth/enabled").asBoolean()).isTrue();
    assertThat(orchestration.at("/security/authorizations/enabled").asBoolean()).isTrue();

    boolean elasticsearch = values.at("/global/elasticsearch/enabled").asBoolean(true);
    boolean opensearch = values.at("/global/opensearch/enabled").asBoolean(false);
    assertThat(elasticsearch ^ opensearch).as("exactly one secondary storage").isTrue();
  }

  @Test
  void helmValuesHoldNoSecretValue() throws IOException {
    JsonNode values = AppManifests.YAML.readTree(HELM_VALUES.toFile());
    List<String> inline = new ArrayList<>();
    ConfigurationKeys.flatten(values).forEach((key, value) -> {
      String leaf = key.substring(key.lastIndexOf('.') + 1).toLowerCase();
      boolean secret = leaf.equals("password") || leaf.equals("inlinesecret") || leaf.endsWith("clientsecret");
      if (secret && !value.isEmpty()) {
        inline.add(key);
      }
    });
    assertThat(inline).isEmpty();
    assertThat(values.at("/global/opensearch/auth/secret/existingSecret").asText()).isNotBlank();
    assertThat(values.at("/orchestration/security/authentication/oidc/secret/existingSecret").asText()).isNotBlank();
  }

  private static String lastSegment(String name, String separator) {
    return name.substring(name.lastIndexOf(separator) + 1);
  }

  private static JsonNode configMapApplicationYaml() {
    return AppManifests.readTree(AppManifests.single(objects, ConfigMap.class).getData().get("application.yaml"));
  }

  private static String text(JsonNode tree, String dottedPath, String otherwise) {
    JsonNode node = tree.at("/" + dottedPath.replace('.', '/'));
    return node.isMissingNode() ? otherwise : node.asText();
  }

  private static List<String> csv(JsonNode node) {
    return Stream.of(node.asText().split(",")).map(String::trim).toList();
  }
}
