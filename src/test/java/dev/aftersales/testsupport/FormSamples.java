package dev.aftersales.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Form;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each form was opened with in the tests: for every user task the engine created, the variables
 * the task saw at that moment (its own inputs over its flow scopes'), written to
 * {@code target/form-samples/<formId>/<processId>.<elementId>.<hash>.json}. {@code tools/render-forms}
 * renders every form with these samples in form-js and fails on an empty fact, so the forms are
 * checked against what the processes really provide, not against invented data.
 *
 * <p>Only in Maven's test runs (surefire), never in the local stack.
 */
final class FormSamples {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  /** Values that differ in every test and say nothing about the form: left out of the duplicate check. */
  private static final Set<String> PER_TEST = Set.of("caseId", "orderId", "paymentId");

  private FormSamples() {}

  static boolean enabled() {
    return System.getProperty("surefire.test.class.path") != null;
  }

  /** Writes one sample per user task the engine created (the same facts once). */
  static void write(Iterable<Record<?>> records, Path root) {
    Map<Long, Map<String, String>> variables = new HashMap<>();
    Map<Long, Long> flowScopes = new HashMap<>();
    Map<Long, String> formIds = new HashMap<>();
    List<Map<String, Object>> samples = new ArrayList<>();
    for (Record<?> r : records) {
      if (r.getRecordType() != RecordType.EVENT) {
        continue;
      }
      switch (r.getValueType()) {
        case VARIABLE -> {
          VariableRecordValue v = (VariableRecordValue) r.getValue();
          variables.computeIfAbsent(v.getScopeKey(), k -> new LinkedHashMap<>()).put(v.getName(), v.getValue());
        }
        case PROCESS_INSTANCE -> {
          ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
          if (v.getFlowScopeKey() > 0) {
            flowScopes.putIfAbsent(r.getKey(), v.getFlowScopeKey());
          }
        }
        case FORM -> {
          Form form = (Form) r.getValue();
          formIds.put(form.getFormKey(), form.getFormId());
        }
        case USER_TASK -> {
          if (r.getIntent() == UserTaskIntent.CREATED) {
            UserTaskRecordValue task = (UserTaskRecordValue) r.getValue();
            String formId = formIds.get(task.getFormKey());
            if (formId != null) {
              samples.add(sample(formId, task, visible(task.getElementInstanceKey(), variables, flowScopes)));
            }
          }
        }
        default -> { }
      }
    }
    samples.forEach(sample -> store(sample, root.resolve(Path.of("target", "form-samples"))));
  }

  private static Map<String, Object> sample(String formId, UserTaskRecordValue task, Map<String, Object> seen) {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("formId", formId);
    sample.put("processId", task.getBpmnProcessId());
    sample.put("elementId", task.getElementId());
    sample.put("variables", seen);
    return sample;
  }

  /** Outermost scope first, so that a task's own input (e.g. an answer reset to null) wins. */
  private static Map<String, Object> visible(long elementInstanceKey, Map<Long, Map<String, String>> variables,
      Map<Long, Long> flowScopes) {
    List<Long> scopes = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (Long scope = elementInstanceKey; scope != null && seen.add(scope); scope = flowScopes.get(scope)) {
      scopes.add(scope);
    }
    Map<String, Object> visible = new TreeMap<>();
    for (int i = scopes.size() - 1; i >= 0; i--) {
      variables.getOrDefault(scopes.get(i), Map.of()).forEach((name, json) -> visible.put(name, parse(json)));
    }
    return visible;
  }

  private static void store(Map<String, Object> sample, Path dir) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> facts = new TreeMap<>((Map<String, Object>) sample.get("variables"));
      PER_TEST.forEach(facts::remove);
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(JSON.writeValueAsString(facts).getBytes(StandardCharsets.UTF_8))).substring(0, 12);
      Path file = dir.resolve(sample.get("formId").toString())
          .resolve(sample.get("processId") + "." + sample.get("elementId") + "." + hash + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sample));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("variable value is not JSON: " + json, e);
    }
  }
}
