package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftersales.decisions.DeployedDecisions;
import dev.aftersales.process.DecisionBindings;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.MessageStartEventSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.MessageStartEventSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * An integration test that calls the REST API over HTTP on the random port, as an outside client
 * would, so the real security chain, message conversion and error handling run. Same Spring context
 * as every other {@link IntegrationTest}.
 */
public abstract class ApiTest extends IntegrationTest {

  /** The users of src/test/resources/application-test.yaml. */
  public enum TestUser {
    CHANNEL("test-channel"),
    /** A channel user bound to OWN_SITE only: no case of the other tests is its. */
    OTHER_CHANNEL("test-other-channel"),
    WAREHOUSE("test-warehouse"),
    AGENT("test-agent"),
    /** An agent bound to TMALL only: its tasks and cases are TMALL's. */
    TMALL_AGENT("test-tmall-agent"),
    OWNER("test-owner"),
    AUDITOR("test-auditor");

    public final String username;

    TestUser(String username) {
      this.username = username;
    }

    String password() {
      return username + "-pw";
    }
  }

  /** Status, headers and the parsed JSON body (missing node when there is none). */
  public record Answer(int status, HttpHeaders headers, JsonNode body) {

    public String contentType() {
      MediaType type = headers.getContentType();
      return type == null ? null : type.toString();
    }
  }

  @LocalServerPort private int port;
  @Autowired private ObjectMapper json;

  /** The engine's records of one type, oldest first, once the engine has processed what it was sent. */
  @SuppressWarnings("unchecked")
  protected static <T extends RecordValue> List<Record<T>> engineRecords(ValueType type) {
    zeebe().waitForIdle();
    return StreamSupport.stream(zeebe().records().records().spliterator(), false)
        .filter(r -> r.getValueType() == type)
        .map(r -> (Record<T>) r)
        .toList();
  }

  /** Instances that a message with a start event started for a case (its correlation key). */
  protected static List<Long> instancesStartedBy(String messageName, String caseId) {
    return ApiTest.<MessageStartEventSubscriptionRecordValue>engineRecords(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION)
        .stream()
        .filter(r -> r.getIntent() == MessageStartEventSubscriptionIntent.CORRELATED)
        .filter(r -> r.getValue().getMessageName().equals(messageName))
        .filter(r -> r.getValue().getCorrelationKey().equals(caseId))
        .map(r -> r.getValue().getProcessInstanceKey())
        .distinct().toList();
  }

  /** Waits until the live workers have brought the instance (or one it called) to the user task. */
  protected static void awaitUserTask(long processInstanceKey, String elementId) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (zeebe().processInstanceTree(processInstanceKey).stream()
        .noneMatch(key -> zeebe().openUserTask(key, elementId).isPresent())) {
      assertThat(Instant.now()).as("user task %s of instance %d", elementId, processInstanceKey).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Messages published for a case (correlation key = case id), as the engine recorded them. */
  protected static List<Record<MessageRecordValue>> publishedMessages(String caseId) {
    List<Record<MessageRecordValue>> messages = engineRecords(ValueType.MESSAGE);
    return messages.stream()
        .filter(r -> r.getIntent() == MessageIntent.PUBLISHED)
        .filter(r -> caseId.equals(r.getValue().getCorrelationKey()))
        .toList();
  }

  /** Messages of this name that reached the process instance. */
  protected static List<Record<ProcessMessageSubscriptionRecordValue>> correlations(long processInstanceKey,
      String messageName) {
    List<Record<ProcessMessageSubscriptionRecordValue>> subscriptions =
        engineRecords(ValueType.PROCESS_MESSAGE_SUBSCRIPTION);
    return subscriptions.stream()
        .filter(r -> r.getIntent() == ProcessMessageSubscriptionIntent.CORRELATED)
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .filter(r -> r.getValue().getMessageName().equals(messageName))
        .toList();
  }

  /** The {@code field}s of a 400/422 problem's {@code errors}, in answer order. */
  protected static List<String> errorFields(Answer answer) {
    if (answer.status() != 400 && answer.status() != 422) {
      throw new AssertionError("expected a 400 or 422 problem, got " + answer.status() + ": " + answer.body());
    }
    List<String> fields = new ArrayList<>();
    answer.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
    return fields;
  }

  /**
   * A case a POST opened (201 with its {@code caseId}) is returned once its process started: intake answers
   * after its commit and the outbox starts the process right after ({@code ProcessStarter}), so a test reads
   * the instance the way a client polling the case would see it, a moment later.
   */
  protected Answer post(TestUser user, String path, String body) {
    Answer answer = call(user, HttpMethod.POST, path, body);
    if (answer.status() == 201 && answer.body().hasNonNull("caseId")) {
      awaitProcessStarted(answer.body().path("caseId").asText());
    }
    return answer;
  }

  @Autowired private JdbcClient jdbc;
  @Autowired private DecisionBindings decisionBindings;
  @Autowired private DeployedDecisions deployedDecisions;

  /**
   * Deploys the shipped models again after a test deployed edited ones, as the application deploys them at its
   * start: the processes bind to them again, and their decisions' rows are matched in the application again.
   */
  protected void deployShippedModelsAgain() {
    DeploymentEvent deployment = zeebe().deployAllModelsEdited(Map.of());
    decisionBindings.deployed(deployment);
    deployedDecisions.deployed(deployment);
  }

  /** Waits until the outbox bound the case to its process instance; the instance key. */
  protected long awaitProcessStarted(String caseId) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      Long key = jdbc.sql("SELECT process_instance_key FROM after_sales_case WHERE id = :id")
          .param("id", caseId).query((rs, n) -> rs.getObject(1, Long.class)).list().stream()
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (key != null) {
        return key;
      }
      assertThat(Instant.now()).as("process of case %s started", caseId).isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  protected Answer get(TestUser user, String path) {
    return call(user, HttpMethod.GET, path, null);
  }

  /** {@code user} null: no credentials at all. */
  protected Answer call(TestUser user, HttpMethod method, String path, String body) {
    return user == null
        ? call(null, null, method, path, body)
        : call(user.username, user.password(), method, path, body);
  }

  /** With any credentials, e.g. a wrong password; {@code username} null sends none. */
  protected Answer call(String username, String password, HttpMethod method, String path, String body) {
    // The JDK client: Apache's, when on the classpath, silently retries a 503 after its Retry-After.
    RestClient.RequestBodySpec request = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
        .baseUrl("http://localhost:" + port).build().method(method).uri(path);
    if (username != null) {
      request.headers(h -> h.setBasicAuth(username, password));
    }
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    ResponseEntity<String> answer = request.retrieve().onStatus(status -> true, (req, res) -> { }).toEntity(String.class);
    return new Answer(answer.getStatusCode().value(), answer.getHeaders(), parse(answer));
  }

  private JsonNode parse(ResponseEntity<String> answer) {
    MediaType type = answer.getHeaders().getContentType();
    if (answer.getBody() == null) {
      return MissingNode.getInstance();
    }
    if (type == null || !type.getSubtype().contains("json")) {
      return TextNode.valueOf(answer.getBody());
    }
    try {
      return json.readTree(answer.getBody());
    } catch (Exception e) {
      throw new AssertionError("Answer is not JSON: " + answer.getBody(), e);
    }
  }
}
