package dev.aftersales.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.aftersales.testsupport.CamundaApiContract;
import dev.aftersales.testsupport.UserTaskStubs;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The v2 adapter on its own, with the real Java client against WireMock (every exchange checked against
 * rest-api.yaml): what it reads from the engine's answers, what it sends, and how it reports refusals.
 */
class CamundaUserTasksTest {

  private static final long INSTANCE = 2251799813685290L;
  private static final long TASK = 2251799813685334L;

  private static WireMockServer wireMock;
  private static CamundaClient client;
  private static CamundaUserTasks userTasks;
  private static UserTaskStubs engine;

  @BeforeAll
  static void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wireMock.addMockServiceRequestListener(CamundaApiContract.listener());
    wireMock.start();
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create(wireMock.baseUrl()))
        .grpcAddress(URI.create("http://localhost:1"))
        .preferRestOverGrpc(true)
        .defaultRequestTimeout(Duration.ofSeconds(5))
        .build();
    userTasks = new CamundaUserTasks(client, new ObjectMapper());
    engine = new UserTaskStubs(new WireMock(wireMock));
  }

  @AfterAll
  static void stop() {
    client.close();
    wireMock.stop();
  }

  @AfterEach
  void contractKept() {
    CamundaApiContract.assertKept();
    wireMock.resetAll();
  }

  @Test
  void aTaskIsReadWithItsFormIdAndTimes() {
    Instant created = Instant.parse("2026-11-21T23:31:52.109Z");
    engine.gets(UserTaskStubs.completed(UserTaskStubs.task(TASK, INSTANCE, "UserTask_ReviewEvidence",
        "evidence-review", List.of("qc-team", "supervisors"), 90, created), "demo",
        Instant.parse("2026-11-21T23:32:21.454Z")));

    HumanTask task = userTasks.find(TASK).orElseThrow();

    assertThat(task.taskId()).isEqualTo(String.valueOf(TASK));
    assertThat(task.userTaskKey()).isEqualTo(TASK);
    assertThat(task.elementId()).isEqualTo("UserTask_ReviewEvidence");
    assertThat(task.formId()).isEqualTo("evidence-review");
    assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(task.assignee()).isEqualTo("demo");
    assertThat(task.candidateGroups()).containsExactly("qc-team", "supervisors");
    assertThat(task.priority()).isEqualTo(90);
    assertThat(task.creationTime()).isEqualTo(created);
    assertThat(task.dueDate()).isEqualTo(created.plus(Duration.ofHours(24)));
    assertThat(task.completionTime()).isEqualTo("2026-11-21T23:32:21.454Z");
    assertThat(task.processInstanceKey()).isEqualTo(INSTANCE);
  }

  @Test
  void anUnknownTaskIsEmptyARefusedCommandRejectedAnUnreachableEngineUnavailable() {
    engine.doesNotKnow(TASK);
    wireMock.stubFor(post(urlEqualTo("/v2/user-tasks/" + TASK + "/assignment")).willReturn(aResponse()
        .withStatus(409).withHeader("Content-Type", "application/problem+json")
        .withBody("{\"type\":\"about:blank\",\"title\":\"INVALID_STATE\",\"status\":409,"
            + "\"detail\":\"the user task is already assigned\",\"instance\":\"/v2/user-tasks/" + TASK + "/assignment\"}")));
    CamundaUserTasks unreachable;
    try (CamundaClient nowhere = CamundaClient.newClientBuilder().restAddress(URI.create("http://127.0.0.1:1"))
        .grpcAddress(URI.create("http://127.0.0.1:1")).defaultRequestTimeout(Duration.ofSeconds(2)).build()) {
      unreachable = new CamundaUserTasks(nowhere, new ObjectMapper());
      assertThatThrownBy(() -> unreachable.search(UserTasks.TaskQuery.ofCase("c-1")))
          .isInstanceOfSatisfying(UserTaskException.class,
              e -> assertThat(e.reason()).isEqualTo(UserTaskException.Reason.UNAVAILABLE));
    }

    assertThat(userTasks.find(TASK)).isEmpty();
    assertThatThrownBy(() -> userTasks.assign(TASK, "li.lei"))
        .isInstanceOfSatisfying(UserTaskException.class, e -> {
          assertThat(e.reason()).isEqualTo(UserTaskException.Reason.REJECTED);
          assertThat(e.getMessage()).contains("HTTP 409");
        });
  }

  @Test
  void variablesAreParsedFromTheirJsonText() {
    engine.variables(TASK, INSTANCE, Map.of("caseId", "c-1", "contactOptions", List.of("WAIT", "CANCEL"),
        "caseFacts", Map.of("windowDays", 15)));

    Map<String, Object> variables = userTasks.variables(TASK);

    assertThat(variables).containsEntry("caseId", "c-1")
        .containsEntry("contactOptions", List.of("WAIT", "CANCEL"))
        .containsEntry("caseFacts", Map.of("windowDays", 15));
  }

  @Test
  void theCasesOfManyInstancesAreOneSearchOfTheirOwnCaseIdVariable() {
    long called = INSTANCE + 9;
    engine.caseIds(Map.of(INSTANCE, "c-1", called, "c-2"));

    Map<Long, String> caseIds = userTasks.caseIds(List.of(INSTANCE, called, INSTANCE, INSTANCE + 20));

    assertThat(caseIds).containsExactlyInAnyOrderEntriesOf(Map.of(INSTANCE, "c-1", called, "c-2"));
    wireMock.verify(1, UserTaskStubs.caseIdSearch()
        .withRequestBody(matchingJsonPath("$.filter.name['$eq']", equalTo("caseId")))
        .withRequestBody(matchingJsonPath("$.filter.scopeKey['$in'][0]", equalTo(String.valueOf(INSTANCE))))
        .withRequestBody(matchingJsonPath("$.filter.scopeKey['$in'][2]", equalTo(String.valueOf(INSTANCE + 20))))
        .withRequestBody(WireMock.notContaining(String.valueOf(INSTANCE + 21))));
    assertThat(userTasks.caseIds(List.of())).isEmpty();
    wireMock.verify(1, UserTaskStubs.caseIdSearch());
  }

  @Test
  void anUpdateSendsOnlyWhatChanges() {
    engine.acceptsUpdate(TASK);

    userTasks.update(TASK, new UserTasks.TaskChanges(100, null, Instant.parse("2026-11-22T03:31:52Z")));

    wireMock.verify(1, patchRequestedFor(urlEqualTo("/v2/user-tasks/" + TASK))
        .withRequestBody(matchingJsonPath("$.changeset.priority", equalTo("100")))
        .withRequestBody(matchingJsonPath("$.changeset.dueDate", equalTo("2026-11-22T03:31:52Z")))
        .withRequestBody(WireMock.notContaining("candidateGroups")));
  }

  @Test
  void transitionalStatesCountAsTheStateTheTaskIsIn() {
    assertThat(CamundaUserTasks.state(UserTaskState.ASSIGNING)).isEqualTo(TaskState.CREATED);
    assertThat(CamundaUserTasks.state(UserTaskState.COMPLETING)).isEqualTo(TaskState.CREATED);
    assertThat(CamundaUserTasks.state(UserTaskState.CANCELING)).isEqualTo(TaskState.CANCELED);
    assertThat(CamundaUserTasks.state(UserTaskState.COMPLETED)).isEqualTo(TaskState.COMPLETED);
  }
}
