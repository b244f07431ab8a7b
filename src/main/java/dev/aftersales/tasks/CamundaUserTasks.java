package dev.aftersales.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@link UserTasks} through the Orchestration Cluster REST API v2 ({@code /v2/user-tasks…}) with the
 * {@code CamundaClient} of the Spring starter, so the address, OIDC client credentials or SaaS cluster
 * come from the standard {@code camunda.client.*} properties (docs/operations.md). The same calls work on
 * Camunda 8.8, 8.9 and 8.10.
 */
@Component
public class CamundaUserTasks implements UserTasks {

  /** A case has a handful of tasks; a group's list shows the first ones by priority. */
  static final int SEARCH_LIMIT = 100;
  static final String CASE_ID_VARIABLE = "caseId";

  private static final Comparator<HumanTask> BY_PRIORITY_THEN_OLDEST = Comparator
      .comparing((HumanTask t) -> t.priority() == null ? 0 : t.priority(), Comparator.reverseOrder())
      .thenComparing(HumanTask::creationTime, Comparator.nullsLast(Comparator.naturalOrder()));

  private final CamundaClient camunda;
  private final ObjectMapper json;
  /** A form key names one deployed version of one form, so its id never changes. */
  private final Map<Long, String> formIds = new ConcurrentHashMap<>();

  public CamundaUserTasks(CamundaClient camunda, ObjectMapper json) {
    this.camunda = camunda;
    this.json = json;
  }

  @Override
  public List<HumanTask> search(TaskQuery query) {
    List<UserTask> found = call("search user tasks", () -> camunda.newUserTaskSearchRequest()
        .filter(f -> filter(f, query))
        .sort(s -> s.priority().desc())
        .page(p -> p.limit(SEARCH_LIMIT))
        .send().join().items());
    // The engine sorts by priority only; equal priorities are listed oldest first here.
    return found.stream().map(this::toHumanTask).sorted(BY_PRIORITY_THEN_OLDEST).toList();
  }

  @Override
  public Optional<HumanTask> find(long userTaskKey) {
    try {
      return Optional.of(toHumanTask(call("get user task " + userTaskKey,
          () -> camunda.newUserTaskGetRequest(userTaskKey).send().join())));
    } catch (UserTaskException e) {
      if (e.reason() == UserTaskException.Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Map<String, Object> variables(long userTaskKey) {
    List<Variable> found = call("search the variables of user task " + userTaskKey,
        () -> camunda.newUserTaskVariableSearchRequest(userTaskKey)
            .withFullValues()
            .page(p -> p.limit(SEARCH_LIMIT))
            .send().join().items());
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Variable v : found) {
      variables.putIfAbsent(v.getName(), parse(v.getName(), v.getValue()));
    }
    return variables;
  }

  @Override
  public Map<Long, String> caseIds(Collection<Long> processInstanceKeys) {
    List<Long> keys = processInstanceKeys.stream().distinct().toList();
    if (keys.isEmpty()) {
      return Map.of();
    }
    // A process instance's own variables have the instance as their scope: one caseId per instance, never
    // a local variable of the same name deeper down.
    List<Variable> found = call("search the caseId of " + keys.size() + " process instances",
        () -> camunda.newVariableSearchRequest()
            .filter(f -> f.name(CASE_ID_VARIABLE).scopeKey(k -> k.in(keys)))
            .page(p -> p.limit(keys.size()))
            .send().join().items());
    Map<Long, String> caseIds = new LinkedHashMap<>();
    for (Variable v : found) {
      if (parse(v.getName(), v.getValue()) instanceof String caseId && v.getProcessInstanceKey() != null) {
        caseIds.put(v.getProcessInstanceKey(), caseId);
      }
    }
    return caseIds;
  }

  @Override
  public void assign(long userTaskKey, String assignee) {
    if (assignee == null) {
      call("unassign user task " + userTaskKey, () -> camunda.newUnassignUserTaskCommand(userTaskKey).send().join());
    } else {
      // No override: an agent never silently takes a task another agent is working on.
      call("assign user task " + userTaskKey, () -> camunda.newAssignUserTaskCommand(userTaskKey)
          .assignee(assignee).allowOverride(false).send().join());
    }
  }

  @Override
  public void complete(long userTaskKey, Map<String, Object> variables) {
    call("complete user task " + userTaskKey, () -> camunda.newCompleteUserTaskCommand(userTaskKey)
        .variables(variables).send().join());
  }

  @Override
  public void update(long userTaskKey, TaskChanges changes) {
    var command = camunda.newUpdateUserTaskCommand(userTaskKey);
    if (changes.priority() != null) {
      command = command.priority(changes.priority());
    }
    if (changes.candidateGroups() != null) {
      command = command.candidateGroups(changes.candidateGroups());
    }
    if (changes.dueDate() != null) {
      // RFC 3339 wants the seconds, which OffsetDateTime#toString leaves out when they are zero
      command = command.dueDate(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(changes.dueDate().atOffset(ZoneOffset.UTC)));
    }
    var update = command;
    call("update user task " + userTaskKey, () -> update.send().join());
  }

  private void filter(UserTaskFilter f, TaskQuery query) {
    if (query.processInstanceKey() != null) {
      f.processInstanceKey(query.processInstanceKey());
    }
    if (query.caseId() != null) {
      // The value is compared as JSON text: the string in quotes.
      String value = jsonText(query.caseId());
      f.processInstanceVariables(List.of(v -> v.name(CASE_ID_VARIABLE).value(value)));
    }
    if (query.elementId() != null) {
      f.elementId(query.elementId());
    }
    if (query.candidateGroup() != null) {
      f.candidateGroup(query.candidateGroup());
    }
    if (query.assignee() != null) {
      f.assignee(query.assignee());
    }
    if (query.state() != null) {
      f.state(UserTaskState.valueOf(query.state().name()));
    }
  }

  private HumanTask toHumanTask(UserTask t) {
    return new HumanTask(String.valueOf(t.getUserTaskKey()), t.getName(), t.getElementId(), state(t.getState()),
        t.getAssignee(), t.getCandidateGroups() == null ? List.of() : List.copyOf(t.getCandidateGroups()),
        t.getPriority(), instant(t.getDueDate()), instant(t.getCreationDate()), instant(t.getCompletionDate()),
        formId(t.getUserTaskKey(), t.getFormKey()), t.getProcessInstanceKey());
  }

  /** The linked form's id (= the .form file's name); the search names only its key. */
  private String formId(Long userTaskKey, Long formKey) {
    if (formKey == null) {
      return null;
    }
    return formIds.computeIfAbsent(formKey, key -> call("get the form of user task " + userTaskKey,
        () -> camunda.newUserTaskGetFormRequest(userTaskKey).send().join().getFormId()));
  }

  /** Transitions (a listener is still running) count as the state the task is still in. */
  static TaskState state(UserTaskState state) {
    if (state == null) {
      return null;
    }
    return switch (state) {
      case CREATING, CREATED, ASSIGNING, UPDATING, COMPLETING -> TaskState.CREATED;
      case COMPLETED -> TaskState.COMPLETED;
      case CANCELING, CANCELED -> TaskState.CANCELED;
      case FAILED, UNKNOWN_ENUM_VALUE -> TaskState.FAILED;
    };
  }

  private static java.time.Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private Object parse(String name, String value) {
    try {
      return value == null ? null : json.readValue(value, Object.class);
    } catch (JsonProcessingException e) {
      throw new UserTaskException(UserTaskException.Reason.UNAVAILABLE,
          "the engine answered variable " + name + " with a value that is not JSON", e);
    }
  }

  private String jsonText(String value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Runs a call of the REST API and translates its failure. */
  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ClientHttpException e) {
      UserTaskException.Reason reason = switch (e.code()) {
        case 404 -> UserTaskException.Reason.NOT_FOUND;
        case 400, 409 -> UserTaskException.Reason.REJECTED;
        default -> UserTaskException.Reason.UNAVAILABLE;
      };
      throw new UserTaskException(reason, "Camunda refused to %s (HTTP %d): %s".formatted(what, e.code(),
          e.getMessage()), e);
    } catch (ClientException e) {
      throw new UserTaskException(UserTaskException.Reason.UNAVAILABLE,
          "Camunda could not %s: %s".formatted(what, e.getMessage()), e);
    }
  }
}
