package dev.aftersales.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.testsupport.TasklistStubs.COMPLETED_REVIEW;
import static dev.aftersales.testsupport.TasklistStubs.OPEN_REVIEW;
import static dev.aftersales.testsupport.TasklistStubs.fixture;
import static dev.aftersales.testsupport.TasklistStubs.searchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.aftersales.testsupport.TasklistStubs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The Tasklist v1 client against the answers Camunda 8.6's Tasklist gave (captured fixtures). */
@WireMockTest
class TasklistClientTest {

  private static final long INSTANCE = 4503599627370497L;
  private static final long TASK = 4503599627370512L;

  private WireMockRuntimeInfo wireMock;

  @BeforeEach
  void wireMock(WireMockRuntimeInfo wireMock) {
    this.wireMock = wireMock;
  }

  @Test
  void logsInOnceAndReadsTheTasksOfAnInstance() {
    TasklistClient client = client(URI.create(wireMock.getHttpBaseUrl()));
    stubsOn().acceptsLogin().shows(INSTANCE, fixture(OPEN_REVIEW, INSTANCE, TASK));

    HumanTask task = client.tasksOf(INSTANCE).getFirst();
    client.tasksOf(INSTANCE);

    assertThat(task.taskId()).isEqualTo(String.valueOf(TASK));
    assertThat(task.userTaskKey()).isEqualTo(TASK);
    assertThat(task.name()).isEqualTo("Review evidence");
    assertThat(task.elementId()).isEqualTo("UserTask_ReviewEvidence");
    assertThat(task.state()).isEqualTo(TaskState.CREATED);
    assertThat(task.open()).isTrue();
    assertThat(task.assignee()).isNull();
    assertThat(task.candidateGroups()).containsExactly("qc-team");
    assertThat(task.priority()).isEqualTo(80);
    assertThat(task.formId()).isEqualTo("evidence-review");
    assertThat(task.processInstanceKey()).isEqualTo(INSTANCE);
    assertThat(task.creationTime()).isEqualTo(Instant.parse("2026-11-21T23:31:52.109Z"));
    assertThat(task.dueDate()).isEqualTo(Instant.parse("2026-11-22T23:31:52.109Z"));
    assertThat(task.completionTime()).isNull();
    wireMock.getWireMock().verifyThat(1, postRequestedFor(urlEqualTo("/api/login")));
    wireMock.getWireMock().verifyThat(2, searchOf(INSTANCE));
  }

  @Test
  void readsTheTasksOfACaseByItsCaseIdWithAgentAndTimes() {
    TasklistClient client = client(URI.create(wireMock.getHttpBaseUrl()));
    stubsOn().acceptsLogin().showsCase("case-7", fixture(COMPLETED_REVIEW, INSTANCE, TASK));

    HumanTask task = client.tasksOfCase("case-7").getFirst();

    assertThat(task.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(task.assignee()).isEqualTo("demo");
    assertThat(task.completionTime()).isEqualTo(Instant.parse("2026-11-21T23:32:21.454Z"));
    assertThat(task.candidateGroups()).containsExactly("qc-team", "supervisors");
    assertThat(task.priority()).isEqualTo(90);
    wireMock.getWireMock().verifyThat(1, TasklistStubs.searchOfCase("case-7"));
    wireMock.getWireMock().verifyThat(0, searchOf(INSTANCE));
  }

  @Test
  void logsInAgainOnceWhenTheSessionExpired() {
    TasklistClient client = client(URI.create(wireMock.getHttpBaseUrl()));
    stubsOn().acceptsLogin();
    // The first search is refused (session gone), the one after the new login answers.
    wireMock.getWireMock().register(post(urlEqualTo("/v1/tasks/search")).inScenario("expiry")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("expired")
        .willReturn(aResponse().withStatus(401)));
    wireMock.getWireMock().register(post(urlEqualTo("/v1/tasks/search")).inScenario("expiry")
        .whenScenarioStateIs("expired")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(fixture(OPEN_REVIEW, INSTANCE, TASK))));

    assertThat(client.tasksOf(INSTANCE)).hasSize(1);
    wireMock.getWireMock().verifyThat(2, postRequestedFor(urlEqualTo("/api/login")));
  }

  @Test
  void aRefusedLoginSaysWhoWasRefused() {
    TasklistClient client = client(URI.create(wireMock.getHttpBaseUrl()));
    wireMock.getWireMock().register(post(urlEqualTo("/api/login")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client.tasksOf(INSTANCE)).isInstanceOf(TasklistException.class)
        .hasMessageContaining("refused the login of user '" + TasklistStubs.USERNAME + "'");
  }

  @Test
  void anUnreachableTasklistIsATasklistException() {
    TasklistClient client = client(URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(() -> client.tasksOf(INSTANCE)).isInstanceOf(TasklistException.class)
        .hasMessageContaining("not reachable");
  }

  @Test
  void withoutABaseUrlThereIsNoTasklist() {
    TasklistClient client = client(null);

    assertThat(client.configured()).isFalse();
    assertThatThrownBy(() -> client.tasksOf(INSTANCE)).isInstanceOf(TasklistException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void readsTasklistTimesWithAndWithoutAColonInTheOffset() {
    assertThat(TasklistClient.time("2026-11-21T23:31:52.109+0000")).isEqualTo(Instant.parse("2026-11-21T23:31:52.109Z"));
    assertThat(TasklistClient.time("2026-11-22T07:31:52.109+08:00")).isEqualTo(Instant.parse("2026-11-21T23:31:52.109Z"));
    assertThat(TasklistClient.time("2026-11-21T23:31:52Z")).isEqualTo(Instant.parse("2026-11-21T23:31:52Z"));
    assertThat(TasklistClient.time(null)).isNull();
  }

  private TasklistStubs stubsOn() {
    return new TasklistStubs(wireMock.getWireMock());
  }

  private static TasklistClient client(URI baseUrl) {
    return new TasklistClient(RestClient.builder(), new TasklistProperties(baseUrl, TasklistStubs.USERNAME,
        TasklistStubs.PASSWORD, Duration.ofSeconds(1), Duration.ofSeconds(2), 50, 1, Duration.ZERO));
  }
}
