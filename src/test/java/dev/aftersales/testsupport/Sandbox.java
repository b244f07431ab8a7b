package dev.aftersales.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What journey tests share: surrounding systems answering on the shared WireMock, requests of one
 * case, the engine's user tasks, and reading a case's timeline.
 */
public final class Sandbox {

  private Sandbox() {}

  /** A JSON answer; {@code {{jsonPath request.body '$.x'}}} echoes parts of the request. */
  public static void stub(MappingBuilder request, String templatedJson) {
    TestInfrastructure.wireMock().stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(templatedJson).withTransformers("response-template")));
  }

  /** Requests that carry the case in their idempotency key (every write of the workers does). */
  public static RequestPatternBuilder ofCase(RequestPatternBuilder requests, String caseId) {
    return requests.withRequestBody(matchingJsonPath("$.idempotencyKey", WireMock.containing(caseId)));
  }

  /** Polls the engine until {@code probe} has a value (e.g. a user task is open); fails after 30 s. */
  public static <T> T await(String what, Supplier<T> probe) {
    Instant deadline = Instant.now().plusSeconds(30);
    T value = probe.get();
    while (value == null && Instant.now().isBefore(deadline)) {
      TestInfrastructure.zeebe().waitForIdle();
      value = probe.get();
    }
    if (value == null) {
      throw new AssertionError(what + " did not appear within 30 s");
    }
    return value;
  }

  public static List<String> kinds(JsonNode timeline) {
    List<String> kinds = new ArrayList<>();
    timeline.forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }

  public static JsonNode entry(JsonNode timeline, String elementId, String kind) {
    for (JsonNode e : timeline) {
      if (elementId.equals(e.path("elementId").asText()) && kind.equals(e.path("kind").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + kind + " entry of " + elementId + " in " + timeline);
  }
}
