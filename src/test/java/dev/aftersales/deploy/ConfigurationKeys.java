package dev.aftersales.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys the application understands, from every Spring Boot configuration metadata file on
 * the class path: ours (generated from the {@code @ConfigurationProperties} by the configuration processor),
 * Spring Boot's, Camunda's. {@link #problemWith} says why a key would be ignored by the application: unknown
 * (a typo binds to nothing, silently), deprecated with an error level, or a path below a plain value. Keys
 * below a list, map or nested object ({@code aftersales.security.users[0].username}) are followed through the
 * property's declared type, so a wrong field name of a record is caught too.
 *
 * <p>Names are compared in Spring's canonical form (lower case, no dashes), as relaxed binding does, and
 * environment variables are mapped the way Spring maps them ({@code CAMUNDA_CLIENT_AUTH_CLIENTID} =
 * {@code camunda.client.auth.clientid}, {@code _0_} = {@code [0]}).
 */
final class ConfigurationKeys {

  private static final Set<String> SCALAR_PACKAGES = Set.of("java.lang", "java.time", "java.net", "java.nio.file",
      "java.nio.charset", "java.math", "java.io", "java.util.regex", "org.springframework.util.unit",
      "org.springframework.core.io");
  private static final Set<String> SCALAR_TYPES = Set.of("java.util.Locale", "java.util.UUID", "java.util.TimeZone",
      "java.util.Date", "java.lang.Class", "org.springframework.http.MediaType");
  private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Set", "java.util.Collection",
      "java.util.SortedSet", "java.lang.Iterable");
  private static final Set<String> MAPS = Set.of("java.util.Map", "java.util.SortedMap", "java.util.LinkedHashMap",
      "java.util.HashMap", "java.util.TreeMap", "java.util.Properties");
  private static final Pattern INDEX = Pattern.compile("^\\[[^]]+]");

  private record Property(String name, String type, String deprecationLevel, String replacement) {}

  /** Canonical name → property. */
  private final Map<String, Property> properties;

  private ConfigurationKeys(Map<String, Property> properties) {
    this.properties = properties;
  }

  /** Every metadata file of the class path (main and additional). */
  static ConfigurationKeys fromClasspath() {
    Map<String, Property> all = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    ClassLoader loader = ConfigurationKeys.class.getClassLoader();
    for (String file : List.of("META-INF/spring-configuration-metadata.json",
        "META-INF/additional-spring-configuration-metadata.json")) {
      try {
        for (URL url : Collections.list(loader.getResources(file))) {
          try (InputStream in = url.openStream()) {
            for (JsonNode p : json.readTree(in).path("properties")) {
              String name = p.path("name").asText();
              JsonNode deprecation = p.path("deprecation");
              String level = deprecation.isMissingNode() ? (p.path("deprecated").asBoolean() ? "warning" : null)
                  : deprecation.path("level").asText("warning");
              Property property = new Property(name, p.path("type").asText(null), level,
                  deprecation.path("replacement").asText(null));
              // The additional file may repeat a property without its type: keep the typed entry.
              all.merge(canonical(name), property, (a, b) -> a.type() != null ? withDeprecation(a, b) : b);
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("no configuration metadata on the class path");
    }
    return new ConfigurationKeys(all);
  }

  private static Property withDeprecation(Property typed, Property other) {
    return typed.deprecationLevel() != null || other.deprecationLevel() == null ? typed
        : new Property(typed.name(), typed.type(), other.deprecationLevel(), other.replacement());
  }

  int size() {
    return properties.size();
  }

  /** Why the application would not take {@code key} as written, or empty when it does. */
  Optional<String> problemWith(String key) {
    String canonical = canonical(key);
    Property exact = properties.get(canonical);
    if (exact != null) {
      return deprecation(key, exact);
    }
    Property owner = longestPrefix(canonical);
    if (owner == null) {
      return Optional.of(key + ": no such configuration property");
    }
    String rest = canonical.substring(canonical(owner.name()).length());
    return deprecation(key, owner).or(() -> below(key, owner.type(), rest));
  }

  /** The property an environment variable sets, in Spring's mapping of environment variables. */
  static String propertyOfEnvironmentVariable(String name) {
    StringBuilder key = new StringBuilder();
    for (String part : name.toLowerCase().split("_")) {
      if (part.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
        key.append('[').append(part).append(']');
      } else {
        key.append(key.isEmpty() ? "" : ".").append(part);
      }
    }
    return key.toString();
  }

  /** The leaf keys of a YAML/JSON tree as Spring flattens it: {@code a.b[0].c}. */
  static Map<String, String> flatten(JsonNode tree) {
    Map<String, String> keys = new LinkedHashMap<>();
    flatten("", tree, keys);
    return keys;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> keys) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
          e.getValue(), keys));
    } else if (node.isArray() && node.size() > 0 && !node.get(0).isValueNode()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), keys);
      }
    } else {
      keys.put(prefix, node.isValueNode() ? node.asText() : node.toString());
    }
  }

  private static Optional<String> deprecation(String key, Property property) {
    if ("error".equals(property.deprecationLevel())) {
      return Optional.of(key + ": no longer supported" + replacement(property));
    }
    if (property.deprecationLevel() != null) {
      return Optional.of(key + ": deprecated" + replacement(property));
    }
    return Optional.empty();
  }

  private static String replacement(Property property) {
    return property.replacement() == null ? "" : ", use " + property.replacement();
  }

  private Property longestPrefix(String canonical) {
    Property best = null;
    for (Map.Entry<String, Property> e : properties.entrySet()) {
      String name = e.getKey();
      if (canonical.length() > name.length() && canonical.startsWith(name)
          && (canonical.charAt(name.length()) == '.' || canonical.charAt(name.length()) == '[')
          && (best == null || name.length() > canonical(best.name()).length())) {
        best = e.getValue();
      }
    }
    return best;
  }

  /** Checks {@code rest} (".x", "[0].y", …) against the declared {@code type} of the part before it. */
  private static Optional<String> below(String key, String type, String rest) {
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    if (type == null) {
      return Optional.of(key + ": its property has no declared type, nothing may follow it");
    }
    TypeName t = TypeName.parse(type);
    if (t.isArray() || COLLECTIONS.contains(t.raw())) {
      Matcher index = INDEX.matcher(rest);
      if (!index.find()) {
        return Optional.of(key + ": " + type + " is a list, an index [n] must follow");
      }
      return below(key, t.isArray() ? t.componentName() : t.arg(0), rest.substring(index.end()));
    }
    if (MAPS.contains(t.raw())) {
      String valueType = t.raw().equals("java.util.Properties") ? "java.lang.String" : t.arg(1);
      if (valueType == null || isScalar(valueType)) {
        return Optional.empty(); // any key, dots included (logging.level.dev.aftersales)
      }
      String afterKey = rest.startsWith("[") ? rest.substring(rest.indexOf(']') + 1) : dropFirstSegment(rest);
      return below(key, valueType, afterKey);
    }
    if (isScalar(t.raw())) {
      return Optional.of(key + ": " + t.raw() + " is a single value, it has no '" + rest + "'");
    }
    Class<?> owner = load(t.raw());
    if (owner == null) {
      return Optional.empty(); // not on this class path: nothing to check against
    }
    String segment = firstSegment(rest);
    Optional<java.lang.reflect.Type> member = member(owner, segment);
    if (member.isEmpty()) {
      return Optional.of(key + ": " + owner.getName() + " has no property '" + segment + "'");
    }
    return below(key, member.get().getTypeName(), rest.substring(1 + segment.length()));
  }

  private static String firstSegment(String rest) {
    String s = rest.substring(1);
    int end = 0;
    while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
      end++;
    }
    return s.substring(0, end);
  }

  private static String dropFirstSegment(String rest) {
    return rest.substring(1 + firstSegment(rest).length());
  }

  /** A record component, a setter's parameter or (for nested objects without setter) a getter's return type. */
  private static Optional<java.lang.reflect.Type> member(Class<?> owner, String canonicalName) {
    if (owner.isRecord()) {
      for (RecordComponent c : owner.getRecordComponents()) {
        if (canonical(c.getName()).equals(canonicalName)) {
          return Optional.of(c.getGenericType());
        }
      }
      return Optional.empty();
    }
    List<Method> candidates = new ArrayList<>(List.of(owner.getMethods()));
    for (Method m : candidates) {
      if (m.getName().startsWith("set") && m.getParameterCount() == 1
          && canonical(m.getName().substring(3)).equals(canonicalName)) {
        return Optional.of(m.getGenericParameterTypes()[0]);
      }
    }
    for (Method m : candidates) {
      String name = m.getName().startsWith("get") ? m.getName().substring(3)
          : m.getName().startsWith("is") ? m.getName().substring(2) : null;
      if (name != null && m.getParameterCount() == 0 && canonical(name).equals(canonicalName)) {
        return Optional.of(m.getGenericReturnType());
      }
    }
    return Optional.empty();
  }

  private static boolean isScalar(String typeName) {
    String raw = TypeName.parse(typeName).raw();
    if (SCALAR_TYPES.contains(raw) || raw.indexOf('.') < 0) {
      return true; // primitives
    }
    String pkg = raw.substring(0, raw.lastIndexOf('.'));
    if (SCALAR_PACKAGES.contains(pkg)) {
      return true;
    }
    Class<?> c = load(raw);
    return c != null && (c.isEnum() || CharSequence.class.isAssignableFrom(c) || Number.class.isAssignableFrom(c));
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ConfigurationKeys.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  static String canonical(String key) {
    StringBuilder out = new StringBuilder(key.length());
    boolean inIndex = false;
    for (char c : key.toCharArray()) {
      if (c == '[') {
        inIndex = true;
      } else if (c == ']') {
        inIndex = false;
      }
      if (inIndex || c == '.' || c == '[' || c == ']') {
        out.append(c);
      } else if (Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  /** {@code java.util.Map<java.lang.String,java.net.URI>} → raw {@code java.util.Map}, args [String, URI]. */
  private record TypeName(String raw, List<String> args) {

    static TypeName parse(String type) {
      String t = type.trim();
      int open = t.indexOf('<');
      if (open < 0) {
        return new TypeName(t, List.of());
      }
      List<String> args = new ArrayList<>();
      int depth = 0;
      int start = open + 1;
      for (int i = open + 1; i < t.lastIndexOf('>'); i++) {
        char c = t.charAt(i);
        if (c == '<') {
          depth++;
        } else if (c == '>') {
          depth--;
        } else if (c == ',' && depth == 0) {
          args.add(unwildcard(t.substring(start, i)));
          start = i + 1;
        }
      }
      args.add(unwildcard(t.substring(start, t.lastIndexOf('>'))));
      return new TypeName(t.substring(0, open), args);
    }

    private static String unwildcard(String arg) {
      String a = arg.trim();
      return a.startsWith("? extends ") ? a.substring("? extends ".length()) : a;
    }

    boolean isArray() {
      return raw.endsWith("[]");
    }

    String componentName() {
      return raw.substring(0, raw.length() - 2);
    }

    String arg(int i) {
      return i < args.size() ? args.get(i) : null;
    }
  }
}
