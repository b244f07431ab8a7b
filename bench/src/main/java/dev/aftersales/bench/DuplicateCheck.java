package dev.aftersales.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stand-ins' request journal after a run and counts the effects that must happen at most once per case:
 * refunds ({@code POST /payments/refunds}), new orders — replacement, reship ({@code POST /oms/orders}) — and
 * shipments ({@code POST /wms/outbound-orders}, also each allocated backorder's). Each such write carries an
 * idempotency key {@code <caseId>:<step>} (header {@code Idempotency-Key} or body {@code idempotencyKey}): the same
 * key sent again is a retry the provider answers once, not a second effect; a second key of one case for one
 * effect, or one key sent with another amount, would be paid or shipped twice.
 */
final class DuplicateCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ONCE = List.of("/payments/refunds", "/oms/orders", "/wms/outbound-orders");

  /** What the journal says: effects per kind, requests, retries (same key again) and duplicates. */
  record Result(Map<String, Integer> effects, int requests, int retries, int duplicates, int unkeyed,
      List<String> examples) {
    String summary() {
      return "effects " + effects + ", " + requests + " requests, " + retries + " retries with the same key, "
          + duplicates + " duplicates, " + unkeyed + " without a key" + (examples.isEmpty() ? "" : ": " + examples);
    }
  }

  private DuplicateCheck() {}

  static Result of(WireMock standIns) throws IOException {
    Map<String, Integer> effects = new HashMap<>();
    Map<String, Set<String>> keysPerCaseAndEffect = new HashMap<>();
    Map<String, String> amountPerKey = new HashMap<>();
    Set<String> seenKeys = new HashSet<>();
    int requests = 0;
    int retries = 0;
    int duplicates = 0;
    int unkeyed = 0;
    List<String> examples = new java.util.ArrayList<>();
    for (ServeEvent event : standIns.getServeEvents()) {
      LoggedRequest request = event.getRequest();
      String path = request.getUrl().split("\\?")[0];
      if (!"POST".equals(request.getMethod().getName()) || !ONCE.contains(path)) {
        continue;
      }
      requests++;
      JsonNode body = request.getBodyAsString().isBlank() ? JSON.createObjectNode()
          : JSON.readTree(request.getBodyAsString());
      String key = request.containsHeader("Idempotency-Key") ? request.getHeader("Idempotency-Key")
          : body.path("idempotencyKey").asText(null);
      if (key == null) {
        unkeyed++;
        continue;
      }
      String amount = body.path("amount").asText("");
      String effectKey = path + " " + key;
      if (!seenKeys.add(effectKey)) {
        retries++;
        String first = amountPerKey.get(effectKey);
        if (!amount.equals(first)) {
          duplicates++; // the same key with another amount: a provider would refuse it, or pay it again
          example(examples, effectKey + " sent with amounts " + first + " and " + amount);
        }
        continue;
      }
      amountPerKey.put(effectKey, amount);
      effects.merge(path, 1, Integer::sum);
      String caseId = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
      Set<String> keysOfCase = keysPerCaseAndEffect.computeIfAbsent(path + " " + caseId, k -> new HashSet<>());
      keysOfCase.add(key);
      if (keysOfCase.size() > 1) {
        duplicates++;
        example(examples, path + " of case " + caseId + " with keys " + keysOfCase);
      }
    }
    return new Result(effects, requests, retries, duplicates, unkeyed, examples);
  }

  private static void example(List<String> examples, String example) {
    if (examples.size() < 5) {
      examples.add(example);
    }
  }
}
