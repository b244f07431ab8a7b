package dev.aftersales.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.web.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The validation rules the Camunda Forms ({@code forms/*.form}) state, read from the forms themselves
 * so that a form changed in the Modeler changes what the server accepts: required fields, text length
 * and pattern, number bounds and decimals, the options of radio and select fields (static, or a FEEL
 * {@code valuesExpression} over the task's variables), and fields a FEEL {@code conditional.hide}
 * hides. A hidden field is not asked for, so it must not be answered; a key the form does not have is
 * refused, so a completion cannot set other process variables.
 */
@Component
public class FormRules {

  /** Form-js components that show something but take no input. */
  private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "separator", "spacer", "image", "table",
      "iframe", "button", "documentPreview");
  private static final Set<String> TEXT = Set.of("textfield", "textarea");
  private static final Set<String> CHOICE = Set.of("radio", "select");
  private static final Set<String> MULTIPLE_CHOICE = Set.of("checklist", "taglist");

  /** One input field of a form, with the rules of its {@code validate} block. */
  record Field(String key, String type, boolean required, Integer minLength, Integer maxLength, Pattern pattern,
      BigDecimal min, BigDecimal max, Integer decimalDigits, List<String> values, String valuesExpression,
      String hideExpression) {}

  private final Map<String, List<Field>> forms;
  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

  @Autowired
  public FormRules(ObjectMapper json) {
    this(load(json, "classpath*:/forms/**/*.form"));
  }

  FormRules(Map<String, List<Field>> forms) {
    this.forms = Map.copyOf(forms);
  }

  public boolean knows(String formId) {
    return forms.containsKey(formId);
  }

  /** The keys of the form's input fields, in form order. */
  public List<String> keys(String formId) {
    return fields(formId).stream().map(Field::key).toList();
  }

  /**
   * Every way the submitted values break the form's rules; empty when they keep them.
   *
   * @param submitted the values of the form's fields, by key
   * @param taskVariables what the form sees besides its own fields (its conditions and option lists read them)
   * @param prefix put before each field's key in the problems, e.g. {@code variables.}
   */
  public List<FieldProblem> check(String formId, Map<String, ?> submitted, Map<String, ?> taskVariables,
      String prefix) {
    List<Field> fields = fields(formId);
    Map<String, Object> context = new HashMap<>(taskVariables);
    context.putAll(submitted);
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Field field : fields) {
      keys.add(field.key());
      Object value = submitted.get(field.key());
      boolean hidden = field.hideExpression() != null && isTrue(field.hideExpression(), context);
      if (hidden) {
        if (present(value)) {
          problems.add(new FieldProblem(prefix + field.key(), "must be empty: the form does not ask for it here"));
        }
        continue;
      }
      if (!present(value)) {
        if (field.required()) {
          problems.add(new FieldProblem(prefix + field.key(), "is required"));
        }
        continue;
      }
      problem(field, value, context).ifPresent(message -> problems.add(new FieldProblem(prefix + field.key(), message)));
    }
    submitted.keySet().stream().filter(key -> !keys.contains(key)).sorted()
        .forEach(key -> problems.add(new FieldProblem(prefix + key, "is not a field of the form " + formId)));
    return problems;
  }

  private Optional<String> problem(Field field, Object value, Map<String, Object> context) {
    if (TEXT.contains(field.type())) {
      if (!(value instanceof String text)) {
        return Optional.of("must be text");
      }
      if (field.minLength() != null && text.length() < field.minLength()) {
        return Optional.of("must have at least " + field.minLength() + " characters");
      }
      if (field.maxLength() != null && text.length() > field.maxLength()) {
        return Optional.of("must have at most " + field.maxLength() + " characters");
      }
      if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
        return Optional.of("must match " + field.pattern().pattern());
      }
      return Optional.empty();
    }
    if ("number".equals(field.type())) {
      if (!(value instanceof Number number)) {
        return Optional.of("must be a number");
      }
      BigDecimal decimal = new BigDecimal(number.toString());
      if (field.min() != null && decimal.compareTo(field.min()) < 0) {
        return Optional.of("must be at least " + field.min().toPlainString());
      }
      if (field.max() != null && decimal.compareTo(field.max()) > 0) {
        return Optional.of("must be at most " + field.max().toPlainString());
      }
      if (field.decimalDigits() != null && decimal.stripTrailingZeros().scale() > field.decimalDigits()) {
        return Optional.of("must have at most " + field.decimalDigits() + " decimal digits");
      }
      return Optional.empty();
    }
    if ("checkbox".equals(field.type())) {
      return value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false");
    }
    if (CHOICE.contains(field.type()) || MULTIPLE_CHOICE.contains(field.type())) {
      List<String> options = options(field, context);
      Collection<?> chosen = MULTIPLE_CHOICE.contains(field.type()) && value instanceof Collection<?> many
          ? many : List.of(value);
      if (MULTIPLE_CHOICE.contains(field.type()) && !(value instanceof Collection<?>)) {
        return Optional.of("must be a list");
      }
      for (Object one : chosen) {
        if (!(one instanceof String text) || !options.contains(text)) {
          return Optional.of("must be one of " + String.join(", ", options));
        }
      }
    }
    return Optional.empty();
  }

  private List<String> options(Field field, Map<String, Object> context) {
    if (field.valuesExpression() == null) {
      return field.values();
    }
    Object result = evaluate(field.valuesExpression(), context);
    List<String> options = new ArrayList<>();
    if (result instanceof Collection<?> items) {
      for (Object item : items) {
        Object option = item instanceof Map<?, ?> labelled ? labelled.get("value") : item;
        if (option != null) {
          options.add(String.valueOf(option));
        }
      }
    }
    return options;
  }

  private boolean isTrue(String expression, Map<String, Object> context) {
    return Boolean.TRUE.equals(evaluate(expression, context));
  }

  /** A form expression ({@code =…}); one that fails to evaluate counts as null, as in the form's renderer. */
  private Object evaluate(String expression, Map<String, Object> context) {
    String feelExpression = expression.startsWith("=") ? expression.substring(1) : expression;
    EvaluationResult result = feel.evaluateExpression(feelExpression, context);
    return result.isSuccess() ? result.result() : null;
  }

  private static boolean present(Object value) {
    return value != null && !(value instanceof String text && text.isBlank())
        && !(value instanceof Collection<?> many && many.isEmpty());
  }

  private List<Field> fields(String formId) {
    List<Field> fields = forms.get(formId);
    if (fields == null) {
      throw new IllegalArgumentException("no form " + formId + " under forms/");
    }
    return fields;
  }

  static Map<String, List<Field>> load(ObjectMapper json, String pattern) {
    try {
      Map<String, List<Field>> forms = new LinkedHashMap<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = json.readTree(in);
          List<Field> fields = new ArrayList<>();
          collect(form.path("components"), fields);
          forms.put(form.path("id").asText(), List.copyOf(fields));
        }
      }
      return forms;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the forms " + pattern, e);
    }
  }

  /** Input fields, also those inside groups. */
  private static void collect(JsonNode components, List<Field> fields) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if (c.has("components")) {
        collect(c.path("components"), fields);
      }
      if (DISPLAY_ONLY.contains(type) || !c.hasNonNull("key")) {
        continue;
      }
      JsonNode validate = c.path("validate");
      List<String> values = new ArrayList<>();
      c.path("values").forEach(v -> values.add(v.path("value").asText()));
      fields.add(new Field(
          c.path("key").asText(),
          type,
          validate.path("required").asBoolean(false),
          validate.hasNonNull("minLength") ? validate.path("minLength").asInt() : null,
          validate.hasNonNull("maxLength") ? validate.path("maxLength").asInt() : null,
          validate.hasNonNull("pattern") ? Pattern.compile(validate.path("pattern").asText()) : null,
          validate.hasNonNull("min") ? validate.path("min").decimalValue() : null,
          validate.hasNonNull("max") ? validate.path("max").decimalValue() : null,
          c.hasNonNull("decimalDigits") ? c.path("decimalDigits").asInt() : null,
          List.copyOf(values),
          c.hasNonNull("valuesExpression") ? c.path("valuesExpression").asText() : null,
          c.path("conditional").hasNonNull("hide") ? c.path("conditional").path("hide").asText() : null));
    }
  }
}
