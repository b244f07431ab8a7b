package dev.aftersales.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CamundaApiContract;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.workers.TestCases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user bound to channels (docs/security.md; here an agent team of TMALL) sees and works only the tasks of
 * its channels' cases: another channel's task is left out of its lists and answers 404 like an unknown task,
 * and nothing of it reaches the engine. Channel users see no tasks at all; agents without channels see every
 * task.
 */
class TaskChannelIsolationApiTest extends ApiTest {

  private static final String TASKS = "/api/tasks";
  private static final String REVIEW = "{\"variables\":{\"reviewDecision\":\"REJECT\",\"rejectionReason\":\"The photo shows no defect at all\"}}";

  @Autowired CaseRepository cases;
  private final UserTaskStubs engine = UserTaskStubs.shared();
  private long tmallInstance;
  private long jdInstance;
  private long noCaseInstance;
  private AfterSalesCase tmall;
  private AfterSalesCase jd;

  @BeforeEach
  void twoChannelsTasks() {
    wireMock().resetAll();
    tmallInstance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    jdInstance = tmallInstance + 100;
    noCaseInstance = tmallInstance + 200;
    tmall = cases.save(TestCases.aReturn().onChannel("TMALL").build());
    jd = cases.save(TestCases.aReturn().onChannel("JD").build());
    engine.searchAnswers(matchingJsonPath("$.filter.candidateGroup", containing("qc-team")),
            review(tmallInstance), review(jdInstance), review(noCaseInstance))
        .caseIds(Map.of(tmallInstance, tmall.getId(), jdInstance, jd.getId()))
        .variables(taskOf(tmallInstance), tmallInstance, Map.of("caseId", tmall.getId()))
        .variables(taskOf(jdInstance), jdInstance, Map.of("caseId", jd.getId()))
        .acceptsAssignment(taskOf(tmallInstance)).acceptsAssignment(taskOf(jdInstance))
        .acceptsCompletion(taskOf(tmallInstance)).acceptsCompletion(taskOf(jdInstance));
  }

  @Test
  void aChannelBoundAgentListsOnlyTheTasksOfItsChannelsCases() {
    Answer bound = get(TestUser.TMALL_AGENT, TASKS + "?candidateGroup=qc-team");
    Answer unbound = get(TestUser.AGENT, TASKS + "?candidateGroup=qc-team");

    assertThat(bound.status()).isEqualTo(200);
    assertThat(bound.body()).extracting(t -> t.path("caseId").asText()).containsExactly(tmall.getId());
    assertThat(bound.body()).extracting(t -> t.path("channel").asText()).containsOnly("TMALL");
    assertThat(unbound.body()).extracting(t -> t.path("taskKey").asText()).containsExactly(
        String.valueOf(taskOf(tmallInstance)), String.valueOf(taskOf(jdInstance)), String.valueOf(taskOf(noCaseInstance)));
    assertThat(get(TestUser.CHANNEL, TASKS + "?candidateGroup=qc-team").status()).as("channels see no tasks")
        .isEqualTo(403);
    assertThat(CamundaApiContract.assertKept()).isPositive();
  }

  @Test
  void anotherChannelsTaskIsAnUnknownTaskToReadAssignAndCompleteAndNothingReachesTheEngine() {
    long other = taskOf(jdInstance);
    engine.doesNotKnow(other + 1);

    Answer read = get(TestUser.TMALL_AGENT, TASKS + "/" + other);
    Answer assign = post(TestUser.TMALL_AGENT, TASKS + "/" + other + "/assignment", "{\"assignee\":\"test-tmall-agent\"}");
    Answer complete = post(TestUser.TMALL_AGENT, TASKS + "/" + other + "/completion", REVIEW);
    Answer unknown = get(TestUser.TMALL_AGENT, TASKS + "/" + (other + 1));

    for (Answer answer : List.of(read, assign, complete)) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.body().path("detail").asText()).isEqualTo("There is no user task " + other + ".");
    }
    assertThat(unknown.status()).as("the same answer as for a task that does not exist").isEqualTo(404);
    assertThat(unknown.body().path("detail").asText()).isEqualTo("There is no user task " + (other + 1) + ".");
    wireMock().verify(0, postRequestedFor(urlEqualTo("/v2/user-tasks/" + other + "/assignment")));
    wireMock().verify(0, UserTaskStubs.anyCompletion());
  }

  @Test
  void aChannelBoundAgentWorksTheTasksOfItsChannelAndReadsOnlyItsChannelsCases() {
    long own = taskOf(tmallInstance);

    Answer read = get(TestUser.TMALL_AGENT, TASKS + "/" + own);
    Answer complete = post(TestUser.TMALL_AGENT, TASKS + "/" + own + "/completion", REVIEW);

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("caseId").asText()).isEqualTo(tmall.getId());
    assertThat(complete.status()).isEqualTo(204);
    wireMock().verify(1, UserTaskStubs.assignment(own, "test-tmall-agent"));
    wireMock().verify(1, UserTaskStubs.anyCompletion());
    assertThat(get(TestUser.TMALL_AGENT, "/api/after-sales/cases/" + tmall.getId()).status()).isEqualTo(200);
    assertThat(get(TestUser.TMALL_AGENT, "/api/after-sales/cases/" + jd.getId()).status())
        .as("the case of another channel, as for a channel user").isEqualTo(404);
    JsonNode found = get(TestUser.TMALL_AGENT, "/api/after-sales/cases?orderId=" + jd.getOrderId()).body();
    assertThat(found.path("items")).isEmpty();
    assertThat(get(TestUser.AGENT, "/api/after-sales/cases/" + jd.getId()).status()).as("an agent of every channel")
        .isEqualTo(200);
  }

  private static long taskOf(long instance) {
    return instance + 44;
  }

  private static ObjectNode review(long instance) {
    return UserTaskStubs.task(taskOf(instance), instance, "UserTask_ReviewEvidence", "evidence-review",
        List.of("qc-team"), 80, Instant.now());
  }
}
