package dev.aftersales.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CamundaApiContract;
import dev.aftersales.testsupport.UserTaskStubs;
import dev.aftersales.workers.TestCases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agent task API over HTTP against the engine's user-task API v2 on WireMock (stubs and requests
 * checked against Camunda's rest-api.yaml): lists by priority, assignment, and completions validated
 * by the forms' rules and the case's limits before anything reaches the engine.
 */
class TaskApiTest extends ApiTest {

  private static final String TASKS = "/api/tasks";

  @Autowired CaseRepository cases;
  private final UserTaskStubs engine = UserTaskStubs.shared();
  private long instance;
  private long taskKey;

  @BeforeEach
  void resetEngine() {
    wireMock().resetAll();
    instance = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    taskKey = instance + 44;
  }

  @Test
  void aCasesTasksAreListedByPriorityThenOldest() {
    Instant now = Instant.now();
    ObjectNode oldReview = review(taskKey, 80, now.minusSeconds(3600));
    ObjectNode newReview = review(taskKey + 1, 80, now.minusSeconds(60));
    ObjectNode urgent = UserTaskStubs.task(taskKey + 2, instance, "UserTask_ContactCustomer", "customer-contact",
        List.of("customer-service"), 95, now);
    engine.searchOfCaseAnswers("case-77", newReview, urgent, oldReview);

    Answer answer = get(TestUser.AGENT, TASKS + "?caseId=case-77");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).extracting(t -> t.path("taskKey").asText()).containsExactly(
        String.valueOf(taskKey + 2), String.valueOf(taskKey), String.valueOf(taskKey + 1));
    JsonNode first = answer.body().get(0);
    assertThat(first.path("formId").asText()).isEqualTo("customer-contact");
    assertThat(first.path("state").asText()).isEqualTo("CREATED");
    assertThat(first.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("customer-service");
    assertThat(first.path("processInstanceKey").asText()).isEqualTo(String.valueOf(instance));
    assertThat(answer.body()).extracting(t -> t.path("caseId").asText()).containsOnly("case-77");
    wireMock().verify(1, UserTaskStubs.searchOfCase("case-77"));
    wireMock().verify(0, UserTaskStubs.caseIdSearch()); // the search named the case
    assertThat(CamundaApiContract.assertKept()).as("exchanges checked against rest-api.yaml").isPositive();
  }

  @Test
  void eachTaskOfAGroupNamesItsCaseAtAGlanceATaskOfACalledProcessItsRootCase() {
    AfterSalesCase vip = cases.save(TestCases.aReturn().onChannel("JD").ofTier("VIP2").build());
    AfterSalesCase urgent = TestCases.aReturn().statedReason(Reason.QUALITY).build();
    urgent.markUrgent();
    urgent = cases.save(urgent);
    long calledInstance = instance + 7; // return-goods, called by the urgent case's return-request
    Instant now = Instant.now();
    ObjectNode vipReview = review(taskKey, 90, now);
    ObjectNode inspection = UserTaskStubs.task(taskKey + 1, calledInstance, "UserTask_InspectGoods", "evidence-review",
        List.of("qc-team"), 80, now);
    ObjectNode orphan = UserTaskStubs.task(taskKey + 2, instance + 9, "UserTask_ReviewEvidence", "evidence-review",
        List.of("qc-team"), 10, now);
    engine.searchAnswers(matchingJsonPath("$.filter.candidateGroup", containing("qc-team")), vipReview, inspection, orphan)
        .caseIds(Map.of(instance, vip.getId(), calledInstance, urgent.getId()));

    Answer answer = get(TestUser.AGENT, TASKS + "?candidateGroup=qc-team");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).hasSize(3);
    JsonNode first = answer.body().get(0);
    assertThat(first.path("caseId").asText()).isEqualTo(vip.getId());
    assertThat(first.path("caseType").asText()).isEqualTo("RETURN");
    assertThat(first.path("caseStatus").asText()).isEqualTo("OPEN");
    assertThat(first.path("channel").asText()).isEqualTo("JD");
    assertThat(first.path("orderId").asText()).isEqualTo(vip.getOrderId());
    assertThat(first.path("customerTier").asText()).isEqualTo("VIP2");
    assertThat(first.path("urgent").asBoolean()).isFalse();
    JsonNode called = answer.body().get(1);
    assertThat(called.path("processInstanceKey").asText()).as("the task's own instance")
        .isEqualTo(String.valueOf(calledInstance));
    assertThat(called.path("caseId").asText()).as("the case of the process that called it").isEqualTo(urgent.getId());
    assertThat(called.path("channel").asText()).isEqualTo("TMALL");
    assertThat(called.path("customerTier").asText()).isEqualTo("NORMAL");
    assertThat(called.path("urgent").asBoolean()).isTrue();
    JsonNode unknown = answer.body().get(2);
    assertThat(unknown.path("caseId").isNull()).as("an instance without caseId").isTrue();
    assertThat(unknown.path("channel").isNull()).isTrue();
    // one search of the tasks and one of their instances' caseId for the whole page
    wireMock().verify(1, postRequestedFor(urlEqualTo("/v2/user-tasks/search")));
    wireMock().verify(1, UserTaskStubs.caseIdSearch()
        .withRequestBody(matchingJsonPath("$.filter.scopeKey['$in'].length()", equalTo("3"))));
    assertThat(CamundaApiContract.assertKept()).as("exchanges checked against rest-api.yaml").isPositive();
  }

  @Test
  void aGroupsOpenTasksAreSearchedWithTheEnginesFilters() {
    engine.searchAnswers(matchingJsonPath("$.filter.candidateGroup", containing("qc-team")),
        review(taskKey, 80, Instant.now())).caseIds(Map.of());

    Answer answer = get(TestUser.AUDITOR, TASKS + "?candidateGroup=qc-team&state=CREATED&assignee=li.lei");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).hasSize(1);
    wireMock().verify(1, postRequestedFor(urlEqualTo("/v2/user-tasks/search"))
        .withRequestBody(matchingJsonPath("$.filter.candidateGroup", containing("qc-team")))
        .withRequestBody(matchingJsonPath("$.filter.state", containing("CREATED")))
        .withRequestBody(matchingJsonPath("$.filter.assignee", containing("li.lei")))
        .withRequestBody(matchingJsonPath("$.sort[0].field", equalTo("priority")))
        .withRequestBody(matchingJsonPath("$.sort[0].order", equalTo("DESC"))));
    assertThat(get(TestUser.AGENT, TASKS + "?state=OPEN").status()).as("not a task state").isEqualTo(400);
  }

  @Test
  void agentsAuditorsAndOwnersReadOnlyAgentsChange() {
    engine.searchAnswers(matchingJsonPath("$.filter"), review(taskKey, 80, Instant.now())).caseIds(Map.of());

    assertThat(get(TestUser.OWNER, TASKS).status()).isEqualTo(200);
    assertThat(get(TestUser.AUDITOR, TASKS).status()).isEqualTo(200);
    assertThat(get(TestUser.CHANNEL, TASKS).status()).isEqualTo(403);
    assertThat(get(null, TASKS).status()).isEqualTo(401);
    for (TestUser reader : List.of(TestUser.AUDITOR, TestUser.OWNER, TestUser.CHANNEL, TestUser.WAREHOUSE)) {
      assertThat(post(reader, assignment(taskKey), "{\"assignee\":\"x\"}").status()).as("%s assigns", reader)
          .isEqualTo(403);
      assertThat(post(reader, completion(taskKey), "{\"variables\":{}}").status()).as("%s completes", reader)
          .isEqualTo(403);
    }
    wireMock().verify(0, postRequestedFor(urlEqualTo("/v2/user-tasks/" + taskKey + "/assignment")));
  }

  @Test
  void anAgentAssignsAndUnassignsATask() {
    engine.gets(review(taskKey, 80, Instant.now())).acceptsAssignment(taskKey);

    assertThat(post(TestUser.AGENT, assignment(taskKey), "{\"assignee\":\"li.lei\"}").status()).isEqualTo(204);
    assertThat(post(TestUser.AGENT, assignment(taskKey), "{\"assignee\":null}").status()).isEqualTo(204);

    wireMock().verify(1, UserTaskStubs.assignment(taskKey, "li.lei"));
    wireMock().verify(1, UserTaskStubs.unassignment(taskKey));
    assertThat(errorFields(post(TestUser.AGENT, assignment(taskKey), "{\"assignee\":\"  \"}")))
        .containsExactly("assignee");
  }

  @Test
  void oneTaskIsShownWithItsCaseAndTheVariablesItsFormReads() {
    AfterSalesCase c = cases.save(TestCases.aReturn().ofTier("VIP1").build());
    engine.gets(review(taskKey, 80, Instant.now()))
        .variables(taskKey, instance, Map.of("caseId", c.getId(), "caseFacts", Map.of("reason", "QUALITY")));

    Answer answer = get(TestUser.AGENT, TASKS + "/" + taskKey);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("taskKey").asText()).isEqualTo(String.valueOf(taskKey));
    assertThat(answer.body().path("formId").asText()).isEqualTo("evidence-review");
    assertThat(answer.body().path("caseId").asText()).isEqualTo(c.getId());
    assertThat(answer.body().path("customerTier").asText()).isEqualTo("VIP1");
    assertThat(answer.body().path("orderId").asText()).isEqualTo(c.getOrderId());
    assertThat(answer.body().path("variables").path("caseFacts").path("reason").asText()).isEqualTo("QUALITY");
    assertThat(get(TestUser.AUDITOR, TASKS + "/" + taskKey).status()).as("variables are for agents").isEqualTo(403);
  }

  @Test
  void aValidCompletionAssignsTheAgentAndCompletesWithTheFormsValues() {
    engine.gets(review(taskKey, 80, Instant.now()))
        .variables(taskKey, instance, Map.of("caseId", "case-1", "caseFacts", Map.of("reason", "QUALITY")))
        .acceptsAssignment(taskKey).acceptsCompletion(taskKey);

    Answer answer = post(TestUser.AGENT, completion(taskKey),
        "{\"variables\":{\"reviewDecision\":\"REJECT\",\"rejectionReason\":\"The photo shows no defect at all\"}}");

    assertThat(answer.status()).isEqualTo(204);
    wireMock().verify(1, UserTaskStubs.assignment(taskKey, "test-agent"));
    wireMock().verify(1, UserTaskStubs.completion(taskKey,
        Map.of("reviewDecision", "REJECT", "rejectionReason", "The photo shows no defect at all")));
  }

  @Test
  void anInvalidCompletionIs400NamingEachFieldAndNothingReachesTheEngine() {
    engine.gets(review(taskKey, 80, Instant.now())).variables(taskKey, instance, Map.of("caseId", "case-1"))
        .acceptsAssignment(taskKey).acceptsCompletion(taskKey);

    Answer answer = post(TestUser.AGENT, completion(taskKey),
        "{\"variables\":{\"reviewDecision\":\"REJECT\",\"rejectionReason\":\"short\",\"reviewNote\":7,\"urgent\":true}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(answer)).containsExactly(
        "variables.rejectionReason", "variables.reviewNote", "variables.urgent");
    assertThat(answer.body().path("errors").get(0).path("message").asText())
        .isEqualTo("must have at least 10 characters");
    wireMock().verify(0, UserTaskStubs.anyCompletion());
    wireMock().verify(0, postRequestedFor(urlEqualTo("/v2/user-tasks/" + taskKey + "/assignment")));
  }

  @Test
  void aDeductionAboveWhatWasPaidForTheReturnedLinesIsRefused() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build()); // one of two dresses, 358.00 paid for both
    ObjectNode deduction = UserTaskStubs.task(taskKey, instance, "UserTask_DecideDeduction", "refund-deduction",
        List.of("qc-team"), 60, Instant.now());
    engine.gets(deduction).variables(taskKey, instance, Map.of("caseId", c.getId()))
        .acceptsAssignment(taskKey).acceptsCompletion(taskKey);

    Answer tooMuch = post(TestUser.AGENT, completion(taskKey),
        "{\"variables\":{\"deductionAmount\":179.01,\"deductionReason\":\"worn\"}}");
    Answer all = post(TestUser.AGENT, completion(taskKey),
        "{\"variables\":{\"deductionAmount\":179.00,\"deductionReason\":\"worn, tag removed\"}}");

    assertThat(errorFields(tooMuch)).containsExactly("variables.deductionAmount");
    assertThat(tooMuch.body().path("errors").get(0).path("message").asText())
        .isEqualTo("must be at most 179.00, what was paid for the returned lines");
    assertThat(all.status()).isEqualTo(204);
    wireMock().verify(1, UserTaskStubs.anyCompletion());
    wireMock().verify(1, UserTaskStubs.completion(taskKey,
        Map.of("deductionAmount", new BigDecimal("179.00"), "deductionReason", "worn, tag removed")));
  }

  @Test
  void aTaskOfAnotherAgentAClosedTaskAndAnUnknownTaskAreNotCompleted() {
    ObjectNode others = review(taskKey, 80, Instant.now());
    others.put("assignee", "han.meimei");
    engine.gets(others)
        .gets(UserTaskStubs.completed(review(taskKey + 1, 80, Instant.now()), "li.lei", Instant.now()))
        .doesNotKnow(taskKey + 2);
    String body = "{\"variables\":{\"reviewDecision\":\"APPROVE\"}}";

    Answer assigned = post(TestUser.AGENT, completion(taskKey), body);
    Answer closed = post(TestUser.AGENT, completion(taskKey + 1), body);
    Answer unknown = post(TestUser.AGENT, completion(taskKey + 2), body);

    assertThat(assigned.status()).isEqualTo(409);
    assertThat(assigned.body().path("detail").asText()).contains("assigned to han.meimei");
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.body().path("detail").asText()).contains("is COMPLETED");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    wireMock().verify(0, UserTaskStubs.anyCompletion());
  }

  private ObjectNode review(long key, int priority, Instant created) {
    return UserTaskStubs.task(key, instance, "UserTask_ReviewEvidence", "evidence-review", List.of("qc-team"),
        priority, created);
  }

  private static String assignment(long key) {
    return TASKS + "/" + key + "/assignment";
  }

  private static String completion(long key) {
    return TASKS + "/" + key + "/completion";
  }
}
