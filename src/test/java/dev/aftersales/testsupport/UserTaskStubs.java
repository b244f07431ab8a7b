package dev.aftersales.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's user-task REST API v2 ({@code /v2/user-tasks…}), stubbed on a WireMock server in the
 * shapes of Camunda's {@code rest-api.yaml}: {@link CamundaApiContract} checks every stubbed answer and
 * every request the product sends. Tasks are built with {@link #task} and answered by search, get, form
 * and variable search; assignment, completion and update are accepted with 204, as Camunda 8.8 does.
 */
public final class UserTaskStubs {

  static final String USER_TASKS = "/v2/user-tasks";
  static final String VARIABLES_SEARCH = "/v2/variables/search";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Stable form keys per form id: the product caches a form key's id. */
  private static final List<String> FORMS = List.of("evidence-review", "barcode-mismatch", "refund-deduction",
      "manual-refund", "customer-contact");
  private static final long FORM_KEY_BASE = 2251799813690000L;

  private final WireMock wireMock;

  public UserTaskStubs(WireMock wireMock) {
    this.wireMock = wireMock;
  }

  /** On the shared WireMock of the integration tests. */
  public static UserTaskStubs shared() {
    return new UserTaskStubs(new WireMock(TestInfrastructure.wireMock()));
  }

  /** An open task of this form, created a minute before {@code now}, as the search and get answer it. */
  public static ObjectNode task(long userTaskKey, long processInstanceKey, String elementId, String formId,
      List<String> candidateGroups, int priority, Instant created) {
    ObjectNode t = JSON.createObjectNode();
    t.put("userTaskKey", String.valueOf(userTaskKey));
    t.put("name", elementId.replace("UserTask_", ""));
    t.put("state", "CREATED");
    t.put("elementId", elementId);
    ArrayNode groups = t.putArray("candidateGroups");
    candidateGroups.forEach(groups::add);
    t.putArray("candidateUsers");
    t.put("processDefinitionId", "return-request");
    t.put("creationDate", created.toString());
    t.put("dueDate", created.plusSeconds(24 * 3600).toString());
    t.put("tenantId", "<default>");
    t.put("processDefinitionVersion", 1);
    t.putObject("customHeaders");
    t.put("priority", priority);
    t.put("elementInstanceKey", String.valueOf(userTaskKey - 1));
    t.put("processName", "Return request");
    t.put("processDefinitionKey", "2251799813685249");
    t.put("processInstanceKey", String.valueOf(processInstanceKey));
    t.put("formKey", String.valueOf(formKey(formId)));
    return t;
  }

  /** The same task, completed by this agent at this time. */
  public static ObjectNode completed(ObjectNode task, String assignee, Instant at) {
    ObjectNode t = task.deepCopy();
    t.put("state", "COMPLETED");
    t.put("assignee", assignee);
    t.put("completionDate", at.toString());
    return t;
  }

  public static long formKey(String formId) {
    int index = FORMS.indexOf(formId);
    if (index < 0) {
      throw new IllegalArgumentException("no form " + formId);
    }
    return FORM_KEY_BASE + index;
  }

  /** A search whose filter names this process instance answers these tasks. */
  public UserTaskStubs searchOfInstanceAnswers(long processInstanceKey, ObjectNode... tasks) {
    return searchAnswers(matchingJsonPath("$.filter.processInstanceKey", equalTo(String.valueOf(processInstanceKey))),
        tasks);
  }

  /** A search by the process instance variable {@code caseId} answers these tasks. */
  public UserTaskStubs searchOfCaseAnswers(String caseId, ObjectNode... tasks) {
    return searchAnswers(caseVariable(caseId), tasks);
  }

  /** Any search whose body matches answers these tasks; each task's form and get are stubbed too. */
  public UserTaskStubs searchAnswers(StringValuePattern body, ObjectNode... tasks) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("items");
    for (ObjectNode task : tasks) {
      items.add(task);
      gets(task);
    }
    answer.putObject("page").put("totalItems", tasks.length).put("hasMoreTotalItems", false);
    register(post(urlEqualTo(USER_TASKS + "/search")).withRequestBody(body), 200, answer.toString());
    return this;
  }

  /** {@code GET /v2/user-tasks/{key}} and its form answer the task. */
  public UserTaskStubs gets(ObjectNode task) {
    String key = task.path("userTaskKey").asText();
    register(get(urlEqualTo(USER_TASKS + "/" + key)), 200, task.toString());
    if (task.hasNonNull("formKey")) {
      long formKey = task.path("formKey").asLong();
      ObjectNode form = JSON.createObjectNode();
      form.put("tenantId", "<default>");
      form.put("formId", FORMS.get((int) (formKey - FORM_KEY_BASE)));
      form.putObject("schema");
      form.put("version", 1);
      form.put("formKey", String.valueOf(formKey));
      register(get(urlEqualTo(USER_TASKS + "/" + key + "/form")), 200, form.toString());
    }
    return this;
  }

  /** {@code GET /v2/user-tasks/{key}}: no such task (the engine's 404 problem). */
  public UserTaskStubs doesNotKnow(long userTaskKey) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", "NOT_FOUND");
    problem.put("status", 404);
    problem.put("detail", "User task with key " + userTaskKey + " not found");
    problem.put("instance", USER_TASKS + "/" + userTaskKey);
    wireMock.register(get(urlEqualTo(USER_TASKS + "/" + userTaskKey)).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/problem+json").withBody(problem.toString())));
    return this;
  }

  /** The task's variables (its own and its process instance's), values as the engine's JSON text. */
  public UserTaskStubs variables(long userTaskKey, long processInstanceKey, Map<String, ?> variables) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("items");
    long variableKey = userTaskKey + 1000;
    for (Map.Entry<String, ?> v : variables.entrySet()) {
      ObjectNode item = items.addObject();
      item.put("name", v.getKey());
      item.put("tenantId", "<default>");
      item.put("variableKey", String.valueOf(variableKey++));
      item.put("scopeKey", String.valueOf(processInstanceKey));
      item.put("processInstanceKey", String.valueOf(processInstanceKey));
      item.put("value", json(v.getValue()));
      item.put("isTruncated", false);
    }
    answer.putObject("page").put("totalItems", variables.size()).put("hasMoreTotalItems", false);
    register(post(urlPathMatching(USER_TASKS + "/" + userTaskKey + "/variables/search")), 200, answer.toString());
    return this;
  }

  /**
   * The search of the {@code caseId} variable of process instances ({@code POST /v2/variables/search}, by scope)
   * answers these instances' case ids; an instance not named has none.
   */
  public UserTaskStubs caseIds(Map<Long, String> caseIdByInstance) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("items");
    caseIdByInstance.forEach((instance, caseId) -> {
      ObjectNode item = items.addObject();
      item.put("name", "caseId");
      item.put("tenantId", "<default>");
      item.put("variableKey", String.valueOf(instance + 7));
      item.put("scopeKey", String.valueOf(instance));
      item.put("processInstanceKey", String.valueOf(instance));
      item.put("value", json(caseId));
      item.put("isTruncated", false);
    });
    answer.putObject("page").put("totalItems", caseIdByInstance.size()).put("hasMoreTotalItems", false);
    register(post(urlEqualTo(VARIABLES_SEARCH)).withRequestBody(matchingJsonPath("$.filter.name", containing("caseId"))),
        200, answer.toString());
    return this;
  }

  /** The one search of the {@code caseId} of the process instances a page of tasks belongs to. */
  public static RequestPatternBuilder caseIdSearch() {
    return postRequestedFor(urlEqualTo(VARIABLES_SEARCH))
        .withRequestBody(matchingJsonPath("$.filter.name", containing("caseId")));
  }

  public UserTaskStubs acceptsAssignment(long userTaskKey) {
    wireMock.register(post(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/assignment"))
        .willReturn(aResponse().withStatus(204)));
    wireMock.register(delete(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/assignee"))
        .willReturn(aResponse().withStatus(204)));
    return this;
  }

  public UserTaskStubs acceptsCompletion(long userTaskKey) {
    wireMock.register(post(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/completion"))
        .willReturn(aResponse().withStatus(204)));
    return this;
  }

  public UserTaskStubs acceptsUpdate(long userTaskKey) {
    wireMock.register(patch(urlEqualTo(USER_TASKS + "/" + userTaskKey)).willReturn(aResponse().withStatus(204)));
    return this;
  }

  public static RequestPatternBuilder searchOfInstance(long processInstanceKey) {
    return postRequestedFor(urlEqualTo(USER_TASKS + "/search"))
        .withRequestBody(matchingJsonPath("$.filter.processInstanceKey", equalTo(String.valueOf(processInstanceKey))));
  }

  public static RequestPatternBuilder searchOfCase(String caseId) {
    return postRequestedFor(urlEqualTo(USER_TASKS + "/search")).withRequestBody(caseVariable(caseId));
  }

  /** The search filter on the process instance variable {@code caseId}: equal to the id as JSON text. */
  public static StringValuePattern caseVariable(String caseId) {
    return matchingJsonPath("$.filter.processInstanceVariables[0].value['$eq']", equalTo("\"" + caseId + "\""));
  }

  public static RequestPatternBuilder assignment(long userTaskKey, String assignee) {
    return postRequestedFor(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/assignment"))
        .withRequestBody(matchingJsonPath("$.assignee", equalTo(assignee)));
  }

  public static RequestPatternBuilder unassignment(long userTaskKey) {
    return deleteRequestedFor(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/assignee"));
  }

  public static RequestPatternBuilder anyCompletion() {
    return postRequestedFor(urlPathMatching(USER_TASKS + "/.*/completion"));
  }

  /** The completion with exactly these variables. */
  public static RequestPatternBuilder completion(long userTaskKey, Map<String, ?> variables) {
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", JSON.valueToTree(variables));
    return postRequestedFor(urlEqualTo(USER_TASKS + "/" + userTaskKey + "/completion"))
        .withRequestBody(equalToJson(body.toString(), false, true));
  }

  /** The update with this priority and candidate groups (and any due date). */
  public static RequestPatternBuilder update(long userTaskKey, int priority, List<String> candidateGroups) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode changeset = body.putObject("changeset");
    changeset.put("priority", priority);
    ArrayNode groups = changeset.putArray("candidateGroups");
    candidateGroups.forEach(groups::add);
    return patchRequestedFor(urlEqualTo(USER_TASKS + "/" + userTaskKey))
        .withRequestBody(equalToJson(body.toString(), true, true))
        .withRequestBody(matchingJsonPath("$.changeset.dueDate"));
  }

  public static RequestPatternBuilder anyUpdate() {
    return patchRequestedFor(urlPathMatching(USER_TASKS + "/.*"));
  }

  private void register(MappingBuilder request, int status, String body) {
    wireMock.register(request.willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
