package dev.aftersales.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Camunda Tasklist v1 REST API (Camunda 8.6; deprecated in 8.8, see docs/operations.md), as far
 * as the application needs it: the human tasks of a process instance.
 *
 * <p>Tasklist authenticates with a session: {@code POST /api/login} (form fields username and
 * password) answers with a session cookie and an {@code X-CSRF-TOKEN} header that every later
 * request must send back. The session is kept and renewed once when Tasklist answers 401/403 (it
 * expired or Tasklist restarted).
 */
@Component
public class TasklistClient {

  static final String LOGIN = "/api/login";
  static final String SEARCH = "/v1/tasks/search";
  static final String CSRF_HEADER = "X-CSRF-TOKEN";
  static final String CASE_ID_VARIABLE = "caseId";

  /** Tasklist 8.6 writes offsets without a colon ({@code 2026-11-21T23:31:52.109+0000}). */
  private static final DateTimeFormatter TASKLIST_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  /** {@code POST /v1/tasks/search}: null fields are left out, so they do not filter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SearchRequest(String processInstanceKey, List<VariableFilter> taskVariables, int pageSize) {}

  /** A variable the task sees (its own or its process instance's); {@code value} is JSON text. */
  record VariableFilter(String name, String value, String operator) {}

  /** One element of the search answer; the other fields of Tasklist's answer are not needed. */
  record TaskResponse(
      String id,
      String name,
      String taskDefinitionId,
      TaskState taskState,
      String assignee,
      List<String> candidateGroups,
      Integer priority,
      String dueDate,
      String creationDate,
      String completionDate,
      String formId,
      String processInstanceKey) {

    HumanTask toHumanTask() {
      return new HumanTask(id, name, taskDefinitionId, taskState, assignee,
          candidateGroups == null ? List.of() : List.copyOf(candidateGroups), priority, time(dueDate),
          time(creationDate), time(completionDate), formId, Long.parseLong(processInstanceKey));
    }
  }

  private record Session(String cookies, String csrfToken) {}

  private final TasklistProperties properties;
  private final RestClient rest;
  private volatile Session session;

  public TasklistClient(RestClient.Builder builder, TasklistProperties properties) {
    this.properties = properties;
    // HTTP/1.1: the JDK client's h2c upgrade attempt on plain http is not worth a round trip.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.readTimeout());
    this.rest = properties.configured()
        ? builder.clone().baseUrl(properties.baseUrl().toString()).requestFactory(requests).build()
        : null;
  }

  public boolean configured() {
    return properties.configured();
  }

  /** Every human task of the process instance (not of the instances it calls), open and closed, oldest first. */
  public List<HumanTask> tasksOf(long processInstanceKey) {
    return search(new SearchRequest(String.valueOf(processInstanceKey), null, properties.pageSize()));
  }

  /**
   * Every human task of a case, open and closed, oldest first: the tasks whose process instance has
   * the variable {@code caseId} of that value, so also those of called processes (e.g. {@code return-goods}).
   */
  public List<HumanTask> tasksOfCase(String caseId) {
    return search(new SearchRequest(null,
        List.of(new VariableFilter(CASE_ID_VARIABLE, quoted(Objects.requireNonNull(caseId)), "eq")),
        properties.pageSize()));
  }

  private List<HumanTask> search(SearchRequest request) {
    TaskResponse[] found = withSession(() -> post(SEARCH, request, TaskResponse[].class));
    if (found == null) {
      throw new TasklistException("Tasklist answered " + SEARCH + " without a body", null);
    }
    try {
      return Arrays.stream(found)
          .map(TaskResponse::toHumanTask)
          .sorted(Comparator.comparing(HumanTask::creationTime, Comparator.nullsLast(Comparator.naturalOrder())))
          .toList();
    } catch (RuntimeException e) {
      throw new TasklistException("Tasklist answered " + SEARCH + " with a task this client cannot read: "
          + e.getMessage(), e);
    }
  }

  private <T> T post(String path, Object body, Class<T> answer) {
    Session current = session;
    return rest.post().uri(path)
        .header(HttpHeaders.COOKIE, current.cookies())
        .header(CSRF_HEADER, current.csrfToken())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(answer);
  }

  /** Runs a call in a session; logs in first when there is none, and once more when it was refused. */
  private <T> T withSession(Supplier<T> call) {
    if (rest == null) {
      throw new TasklistException("Tasklist is not configured (aftersales.tasklist.base-url)", null);
    }
    try {
      if (session == null) {
        login(null);
      }
      Session used = session;
      try {
        return call.get();
      } catch (HttpClientErrorException e) {
        if (e.getStatusCode() != HttpStatus.UNAUTHORIZED && e.getStatusCode() != HttpStatus.FORBIDDEN) {
          throw e;
        }
        login(used);
        return call.get();
      }
    } catch (RestClientResponseException e) {
      throw new TasklistException("Tasklist at %s answered HTTP %d: %s".formatted(
          properties.baseUrl(), e.getStatusCode().value(), abbreviate(e.getResponseBodyAsString())), e);
    } catch (RestClientException e) {
      throw new TasklistException("Tasklist at %s is not reachable: %s".formatted(
          properties.baseUrl(), e.getMostSpecificCause()), e);
    }
  }

  /** Logs in unless another thread already replaced the session {@code expired}. */
  private synchronized void login(Session expired) {
    if (session != null && session != expired) {
      return;
    }
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", properties.username());
    form.add("password", properties.password());
    ResponseEntity<Void> answer;
    try {
      answer = rest.post().uri(LOGIN)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(form)
          .retrieve()
          .toBodilessEntity();
    } catch (HttpClientErrorException e) {
      throw new TasklistException("Tasklist at %s refused the login of user '%s' (HTTP %d)".formatted(
          properties.baseUrl(), properties.username(), e.getStatusCode().value()), e);
    }
    String cookies = answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .flatMap(header -> HttpCookie.parse(header).stream())
        .map(cookie -> cookie.getName() + "=" + cookie.getValue())
        .collect(Collectors.joining("; "));
    String csrf = answer.getHeaders().getFirst(CSRF_HEADER);
    if (cookies.isEmpty() || csrf == null) {
      throw new TasklistException("Tasklist at %s answered the login without a session cookie or %s header"
          .formatted(properties.baseUrl(), CSRF_HEADER), null);
    }
    session = new Session(cookies, csrf);
  }

  static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, TASKLIST_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Tasklist time: " + value, e);
    }
  }

  /** A string as the JSON text Tasklist compares variable values with. */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
