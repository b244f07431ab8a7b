package dev.aftersales.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.beans.Introspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's Kubernetes manifests (deploy/kubernetes/app) as typed objects, and the configuration keys
 * they set: the containers' environment variables and the keys of the application.yaml inside ConfigMaps.
 */
final class AppManifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Environment variables read by the JVM itself, not by Spring. */
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private AppManifests() {}

  /** Every document of every *.yaml in {@code dir} except kustomization.yaml, which is not a Kubernetes object. */
  static List<HasMetadata> load(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<HasMetadata> objects = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
        objects.addAll(parse(Files.readString(file)));
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each YAML document into its typed class, chosen by apiVersion and kind (fabric8's model). */
  static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    ObjectReader reader = YAML.readerFor(KubernetesResource.class);
    try (var documents = reader.<KubernetesResource>readValues(yaml)) {
      while (documents.hasNext()) {
        KubernetesResource resource = documents.next();
        if (!(resource instanceof HasMetadata object) || object.getClass().getSimpleName().startsWith("Generic")) {
          throw new IllegalArgumentException("not a known Kubernetes kind: " + resource);
        }
        objects.add(object);
      }
    }
    return objects;
  }

  /**
   * Fields the typed model does not know, with their path: fabric8 keeps them in additionalProperties instead of
   * failing, so a misspelt field (readinesProbe) would otherwise pass as if it were not there.
   */
  static List<String> unknownFields(HasMetadata object) {
    List<String> unknown = new ArrayList<>();
    unknownFields(object.getKind() + " " + object.getMetadata().getName(), object, unknown);
    return unknown;
  }

  private static void unknownFields(String path, Object node, List<String> unknown) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(path + "[" + i + "]", list.get(i), unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> unknownFields(path + "." + key, value, unknown));
      return;
    }
    if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(field -> unknown.add(path + "." + field));
      } else {
        unknownFields(path + "." + Introspector.decapitalize(getter.getName().substring(3)), value, unknown);
      }
    }
  }

  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> kind) {
    List<T> found = ofKind(objects, kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  /** Where each configuration key is set (for the message) → the Spring property it sets. */
  static Map<String, String> configurationKeys(List<HasMetadata> objects) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Deployment deployment : ofKind(objects, Deployment.class)) {
      for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
        for (EnvVar env : container.getEnv()) {
          if (!JVM_VARIABLES.contains(env.getName())) {
            keys.put("env " + env.getName() + " of " + deployment.getMetadata().getName(),
                ConfigurationKeys.propertyOfEnvironmentVariable(env.getName()));
          }
        }
      }
    }
    for (ConfigMap configMap : ofKind(objects, ConfigMap.class)) {
      configMap.getData().forEach((file, content) -> {
        if (file.endsWith(".yaml") || file.endsWith(".yml")) {
          ConfigurationKeys.flatten(readTree(content)).keySet().forEach(key ->
              keys.put("key " + key + " of ConfigMap " + configMap.getMetadata().getName() + "/" + file, key));
        }
      });
    }
    return keys;
  }

  /** Each key the manifests set that the application would not take, with where it is set. */
  static List<String> keyProblems(List<HasMetadata> objects, ConfigurationKeys known, Set<String> placeholders) {
    List<String> problems = new ArrayList<>();
    configurationKeys(objects).forEach((where, key) -> {
      if (where.startsWith("env ") && placeholders.contains(where.split(" ")[1])) {
        return; // a ${NAME} placeholder of application.yaml
      }
      known.problemWith(key).ifPresent(problem -> problems.add(where + " → " + problem));
    });
    return problems;
  }

  /** The ${NAME:default} placeholders of a YAML file: environment variables it reads by name. */
  static Set<String> placeholders(String yaml) {
    Set<String> names = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}").matcher(yaml);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  static JsonNode readTree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
