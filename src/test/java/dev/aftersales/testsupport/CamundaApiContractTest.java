package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract check itself: the stubs' answers and the product's requests in their real shapes pass,
 * and a request or answer that Camunda's rest-api.yaml does not allow is caught.
 */
class CamundaApiContractTest {

  private static final String SEARCH = "/v2/user-tasks/search";

  @Test
  void theStubbedAnswersKeepTheContract() {
    ObjectNode task = UserTaskStubs.task(2251799813685334L, 2251799813685290L, "UserTask_ReviewEvidence",
        "evidence-review", List.of("qc-team"), 80, Instant.parse("2026-11-21T23:31:52.109Z"));
    String search = "{\"items\":[" + UserTaskStubs.completed(task, "demo", Instant.now())
        + "],\"page\":{\"totalItems\":1,\"hasMoreTotalItems\":false}}";

    assertThat(check("POST", SEARCH, "{\"filter\":{\"processInstanceKey\":\"2251799813685290\"}}", 200, search))
        .isEmpty();
    assertThat(check("GET", "/v2/user-tasks/2251799813685334", null, 200, task.toString())).isEmpty();
    assertThat(check("POST", "/v2/user-tasks/2251799813685334/assignment",
        "{\"assignee\":\"demo\",\"allowOverride\":false}", 204, null)).isEmpty();
    assertThat(check("PATCH", "/v2/user-tasks/2251799813685334",
        "{\"changeset\":{\"priority\":100,\"candidateGroups\":[\"qc-team\",\"supervisors\"],"
            + "\"dueDate\":\"2026-11-22T03:31:52Z\"}}", 204, null)).isEmpty();
  }

  @Test
  void anAnswerOrRequestOutsideTheContractIsCaught() {
    ObjectNode task = UserTaskStubs.task(2251799813685334L, 2251799813685290L, "UserTask_ReviewEvidence",
        "evidence-review", List.of("qc-team"), 80, Instant.now());
    task.put("state", "OPEN");
    task.put("priority", 150);

    assertThat(check("GET", "/v2/user-tasks/2251799813685334", null, 200, task.toString()))
        .anySatisfy(p -> assertThat(p).contains("OPEN"))
        .anySatisfy(p -> assertThat(p).contains("150"));
    assertThat(check("PATCH", "/v2/user-tasks/2251799813685334", "{\"changeset\":{\"priority\":101}}", 204, null))
        .isNotEmpty();
    assertThat(check("POST", SEARCH, "{\"filter\":{\"state\":\"OPEN\"}}", 200,
        "{\"items\":[],\"page\":{\"totalItems\":0}}")).isNotEmpty();
    // A request no stub answered is still checked on its own.
    assertThat(CamundaApiContract.checkRequest("POST", SEARCH, Map.of(), "application/json",
        "{\"sort\":[{\"field\":\"colour\"}],\"page\":{\"limit\":\"many\"}}")).isNotEmpty();
    assertThat(CamundaApiContract.checkRequest("POST", SEARCH, Map.of(), "application/json",
        "{\"filter\":{\"state\":{\"$eq\":\"CREATED\"}},\"page\":{\"limit\":100}}")).isEmpty();
  }

  private static List<String> check(String method, String path, String requestBody, int status, String answer) {
    return CamundaApiContract.check(method, path, Map.of(), "application/json", requestBody, status,
        "application/json", answer);
  }
}
