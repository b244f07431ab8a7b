package dev.aftersales.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Camunda Tasklist's v1 API and the engine's REST user-task update, stubbed on a WireMock server in
 * the shapes the real Camunda 8.6 answered with. The task answers are JSON captured from the local
 * stack's Tasklist ({@code src/test/resources/tasklist/}): one quality return's evidence review, open
 * ({@code v1-tasks-search-open.json}) and completed by {@code demo} after its escalation
 * ({@code v1-tasks-search-completed.json}). Tests re-key them to their own process instance.
 */
public final class TasklistStubs {

  public static final String USERNAME = "test-tasklist-user";
  public static final String PASSWORD = "test-tasklist-pw";
  public static final String SESSION_COOKIE = "TASKLIST-SESSION=0123456789ABCDEF";
  public static final String CSRF_TOKEN = "csrf-token-of-the-session";

  /** Keys in the captured fixtures, replaced by each test's own. */
  static final String FIXTURE_PROCESS_INSTANCE_KEY = "2251799813685290";
  static final String FIXTURE_TASK_KEY = "2251799813685334";

  public static final String OPEN_REVIEW = "tasklist/v1-tasks-search-open.json";
  public static final String COMPLETED_REVIEW = "tasklist/v1-tasks-search-completed.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMock wireMock;

  public TasklistStubs(WireMock wireMock) {
    this.wireMock = wireMock;
  }

  /** On the shared WireMock of the integration tests. */
  public static TasklistStubs shared() {
    return new TasklistStubs(new WireMock(TestInfrastructure.wireMock()));
  }

  /** {@code POST /api/login} with the configured user: 204, session cookies and the CSRF header, as Tasklist 8.6. */
  public TasklistStubs acceptsLogin() {
    wireMock.register(post(urlEqualTo("/api/login"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(containing("username=" + USERNAME))
        .withRequestBody(containing("password=" + PASSWORD))
        .willReturn(aResponse().withStatus(204)
            .withHeader("Set-Cookie", SESSION_COOKIE + "; Path=/; HttpOnly; SameSite=Lax")
            .withHeader("Set-Cookie", "X-CSRF-TOKEN=cookie-half-of-the-token; Path=/; HttpOnly; SameSite=Lax")
            .withHeader("X-CSRF-TOKEN", CSRF_TOKEN)));
    return this;
  }

  /** {@code POST /v1/tasks/search} of this process instance (in the session) answers these tasks. */
  public TasklistStubs shows(long processInstanceKey, String tasksJson) {
    wireMock.register(post(urlEqualTo("/v1/tasks/search"))
        .withHeader("Cookie", containing(SESSION_COOKIE))
        .withHeader("X-CSRF-TOKEN", equalTo(CSRF_TOKEN))
        .withRequestBody(matchingJsonPath("$.processInstanceKey", equalTo(String.valueOf(processInstanceKey))))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(tasksJson)));
    return this;
  }

  /** {@code POST /v1/tasks/search} of the tasks whose instance has this {@code caseId} (in the session) answers these. */
  public TasklistStubs showsCase(String caseId, String tasksJson) {
    wireMock.register(post(urlEqualTo("/v1/tasks/search"))
        .withHeader("Cookie", containing(SESSION_COOKIE))
        .withHeader("X-CSRF-TOKEN", equalTo(CSRF_TOKEN))
        .withRequestBody(caseVariable(caseId))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(tasksJson)));
    return this;
  }

  /** {@code PATCH /v2/user-tasks/{key}} of the engine's REST API accepts the update (204, as Camunda 8.6 and 8.8). */
  public TasklistStubs acceptsUserTaskUpdate(long userTaskKey) {
    wireMock.register(patch(urlEqualTo("/v2/user-tasks/" + userTaskKey)).willReturn(aResponse().withStatus(204)));
    return this;
  }

  /** A task search of this process instance, sent in the session. */
  public static RequestPatternBuilder searchOf(long processInstanceKey) {
    return postRequestedFor(urlEqualTo("/v1/tasks/search"))
        .withHeader("Cookie", containing(SESSION_COOKIE))
        .withHeader("X-CSRF-TOKEN", equalTo(CSRF_TOKEN))
        .withRequestBody(matchingJsonPath("$.processInstanceKey", equalTo(String.valueOf(processInstanceKey))));
  }

  /** A task search by the case's {@code caseId} variable, sent in the session. */
  public static RequestPatternBuilder searchOfCase(String caseId) {
    return postRequestedFor(urlEqualTo("/v1/tasks/search"))
        .withHeader("Cookie", containing(SESSION_COOKIE))
        .withHeader("X-CSRF-TOKEN", equalTo(CSRF_TOKEN))
        .withRequestBody(caseVariable(caseId));
  }

  /** Tasklist's variable filter of a search by case: name, the value as JSON text, operator {@code eq}. */
  public static StringValuePattern caseVariable(String caseId) {
    ObjectNode filter = JSON.createObjectNode();
    filter.putArray("taskVariables").addObject()
        .put("name", "caseId").put("value", "\"" + caseId + "\"").put("operator", "eq");
    return equalToJson(filter.toString(), true, true);
  }

  /** The user-task update with exactly this changeset. */
  public static RequestPatternBuilder userTaskUpdate(long userTaskKey, int priority, List<String> candidateGroups) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode changeset = body.putObject("changeset");
    changeset.put("priority", priority);
    ArrayNode groups = changeset.putArray("candidateGroups");
    candidateGroups.forEach(groups::add);
    return patchRequestedFor(urlEqualTo("/v2/user-tasks/" + userTaskKey))
        .withRequestBody(equalToJson(body.toString(), true, true));
  }

  public static RequestPatternBuilder anyUserTaskUpdate() {
    return patchRequestedFor(urlPathMatching("/v2/user-tasks/.*"));
  }

  /** A captured Tasklist answer with this test's process instance and task keys. */
  public static String fixture(String resource, long processInstanceKey, long taskKey) {
    return read(resource)
        .replace(FIXTURE_PROCESS_INSTANCE_KEY, String.valueOf(processInstanceKey))
        .replace(FIXTURE_TASK_KEY, String.valueOf(taskKey));
  }

  /** The same, with each task changed, e.g. {@code t -> t.put("priority", 100)}. */
  public static String fixture(String resource, long processInstanceKey, long taskKey, Consumer<ObjectNode> change) {
    try {
      ArrayNode tasks = (ArrayNode) JSON.readTree(fixture(resource, processInstanceKey, taskKey));
      tasks.forEach(t -> change.accept((ObjectNode) t));
      return tasks.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = TasklistStubs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
