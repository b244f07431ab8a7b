package dev.aftersales.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskState;
import dev.aftersales.tasks.UserTaskException;
import dev.aftersales.tasks.UserTaskException.Reason;
import dev.aftersales.tasks.UserTasks;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Form;
import io.camunda.zeebe.protocol.record.value.deployment.Process;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@link UserTasks} on the in-memory engine (zeebe-process-test), which has no REST API: tasks, their
 * variables and forms are read from the engine's record stream; assignment, completion and updates are
 * user-task commands written through {@link ProcessTestEngine}, as the REST gateway would write them,
 * and each call returns once the engine answered (event) or throws {@link UserTaskException} when it
 * rejected the command.
 *
 * <p>Test scope only: the local stack (non-production) and tests. Unlike the cluster's search, what it
 * answers is consistent at once.
 */
public final class EngineUserTasks implements UserTasks {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Comparator<HumanTask> BY_PRIORITY_THEN_AGE =
      Comparator.comparing((HumanTask t) -> t.priority() == null ? 0 : t.priority()).reversed()
          .thenComparing(HumanTask::creationTime, Comparator.nullsLast(Comparator.naturalOrder()));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CASE_ID = "caseId";

  private final ProcessTestEngine engine;
  /** Element names by process definition key and element id; models are parsed once. */
  private final Map<Long, Map<String, String>> elementNames = new ConcurrentHashMap<>();
  /** Tasks, variables, scopes, forms and models from the record stream, read as far as {@link Index#read}. */
  private final Index index = new Index();

  public EngineUserTasks(ProcessTestEngine engine) {
    this.engine = engine;
  }

  @Override
  public List<HumanTask> search(TaskQuery query) {
    return read(index -> index.tasks.values().stream()
        .filter(t -> query.processInstanceKey() == null
            || t.value.getProcessInstanceKey() == query.processInstanceKey())
        .filter(t -> query.caseId() == null || query.caseId().equals(index.caseIdOf(t.value)))
        .filter(t -> query.elementId() == null || query.elementId().equals(t.value.getElementId()))
        .filter(t -> query.candidateGroup() == null || t.value.getCandidateGroupsList().contains(query.candidateGroup()))
        .filter(t -> query.assignee() == null || query.assignee().equals(blankToNull(t.value.getAssignee())))
        .filter(t -> query.state() == null || query.state() == t.state)
        .map(t -> toHumanTask(t, index))
        .sorted(BY_PRIORITY_THEN_AGE)
        .toList());
  }

  @Override
  public Optional<HumanTask> find(long userTaskKey) {
    return read(index -> Optional.ofNullable(index.tasks.get(userTaskKey)).map(t -> toHumanTask(t, index)));
  }

  @Override
  public Map<String, Object> variables(long userTaskKey) {
    return read(index -> {
      TaskRecords task = index.tasks.get(userTaskKey);
      if (task == null) {
        throw new UserTaskException(Reason.NOT_FOUND, "There is no user task " + userTaskKey + ".", null);
      }
      Map<String, Object> visible = new LinkedHashMap<>();
      // outermost scope first, so that a local variable of an inner scope wins
      List<Long> scopes = index.scopesOf(task.value.getElementInstanceKey());
      for (int i = scopes.size() - 1; i >= 0; i--) {
        index.variables.getOrDefault(scopes.get(i), Map.of()).forEach((name, json) -> visible.put(name, parse(json)));
      }
      return visible;
    });
  }

  @Override
  public Map<Long, String> caseIds(Collection<Long> processInstanceKeys) {
    return read(index -> {
      Map<Long, String> caseIds = new LinkedHashMap<>();
      for (long key : processInstanceKeys) {
        // the instance's own variable, as the cluster's variable search by scope answers it
        String json = index.variables.getOrDefault(key, Map.of()).get(CASE_ID);
        if (json != null && parse(json) instanceof String caseId) {
          caseIds.put(key, caseId);
        }
      }
      return caseIds;
    });
  }

  @Override
  public void assign(long userTaskKey, String assignee) {
    UserTaskRecord command = new UserTaskRecord().setUserTaskKey(userTaskKey);
    if (assignee == null) {
      command.setAssignee("").setAction("unassign");
    } else {
      command.setAssignee(assignee).setAction("assign");
    }
    send(UserTaskIntent.ASSIGN, command, UserTaskIntent.ASSIGNED);
  }

  @Override
  public void complete(long userTaskKey, Map<String, Object> variables) {
    send(UserTaskIntent.COMPLETE, new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("complete")
            .setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(variables == null ? Map.of() : variables))),
        UserTaskIntent.COMPLETED);
  }

  @Override
  public void update(long userTaskKey, TaskChanges changes) {
    UserTaskRecord command = new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("update");
    if (changes.priority() != null) {
      command.setPriority(changes.priority()).setPriorityChanged();
    }
    if (changes.candidateGroups() != null) {
      command.setCandidateGroupsList(changes.candidateGroups()).setCandidateGroupsChanged();
    }
    if (changes.dueDate() != null) {
      command.setDueDate(changes.dueDate().toString()).setDueDateChanged();
    }
    send(UserTaskIntent.UPDATE, command, UserTaskIntent.UPDATED);
  }

  /** Writes the command and waits for the engine's answer to it: the expected event, or a rejection. */
  private void send(UserTaskIntent intent, UserTaskRecord command, UserTaskIntent done) {
    long key = command.getUserTaskKey();
    int written;
    synchronized (engine) {
      written = index.catchUp(engine.records().records());
      engine.writeUserTaskCommand(intent, command);
    }
    Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      synchronized (engine) {
        for (Record<?> r : since(engine.records().records(), written)) {
          if (r.getKey() != key || r.getValueType() != ValueType.USER_TASK) {
            continue;
          }
          if (r.getRecordType() == RecordType.COMMAND_REJECTION && r.getIntent() == intent) {
            String reason = intent + " of user task " + key + " rejected (" + r.getRejectionType() + "): "
                + r.getRejectionReason();
            throw new UserTaskException(switch (r.getRejectionType()) {
              case NOT_FOUND -> Reason.NOT_FOUND;
              default -> Reason.REJECTED;
            }, reason, null);
          }
          if (r.getRecordType() == RecordType.EVENT && (r.getIntent() == done || isDenial(r.getIntent()))) {
            if (r.getIntent() != done) {
              throw new UserTaskException(Reason.REJECTED, intent + " of user task " + key + " denied by a task listener",
                  null);
            }
            return;
          }
        }
      }
      sleep();
    }
    throw new UserTaskException(Reason.UNAVAILABLE, "the engine did not answer " + intent + " of user task " + key
        + " within " + COMMAND_TIMEOUT.toSeconds() + " s", null);
  }

  private static boolean isDenial(Intent intent) {
    return intent == UserTaskIntent.COMPLETION_DENIED || intent == UserTaskIntent.ASSIGNMENT_DENIED
        || intent == UserTaskIntent.UPDATE_DENIED;
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    }
  }

  private HumanTask toHumanTask(TaskRecords t, Index index) {
    UserTaskRecordValue v = t.value;
    return new HumanTask(
        Long.toString(v.getUserTaskKey()),
        nameOf(v, index),
        v.getElementId(),
        t.state,
        blankToNull(v.getAssignee()),
        List.copyOf(v.getCandidateGroupsList()),
        v.getPriority(),
        instantOf(v.getDueDate()),
        t.created,
        t.ended,
        index.formIds.get(v.getFormKey()),
        v.getProcessInstanceKey());
  }

  private String nameOf(UserTaskRecordValue v, Index index) {
    Map<String, String> names = elementNames.computeIfAbsent(v.getProcessDefinitionKey(), key -> {
      byte[] resource = index.processResources.get(key);
      Map<String, String> byId = new HashMap<>();
      if (resource != null) {
        Bpmn.readModelFromStream(new ByteArrayInputStream(resource)).getModelElementsByType(FlowElement.class)
            .forEach(e -> {
              if (e.getName() != null) {
                byId.put(e.getId(), e.getName());
              }
            });
      }
      return byId;
    });
    return names.getOrDefault(v.getElementId(), v.getElementId());
  }

  /** The engine writes due dates as a {@code ZonedDateTime}, e.g. {@code 2026-12-06T07:12:31Z[Etc/UTC]}. */
  private static Instant instantOf(String isoDateTime) {
    return isoDateTime == null || isoDateTime.isBlank() ? null : ZonedDateTime.parse(isoDateTime).toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("variable value is not JSON: " + json, e);
    }
  }

  /**
   * Runs a query on the index, brought up to date first with the records written since the last call. The engine's
   * monitor guards both: its record list is not safe to read while another thread has it append.
   */
  private <T> T read(Function<Index, T> query) {
    synchronized (engine) {
      index.catchUp(engine.records().records());
      return query.apply(index);
    }
  }

  /** The records from the {@code from}-th on: the engine's record list only grows. */
  private static Iterable<Record<?>> since(Iterable<Record<?>> records, int from) {
    if (records instanceof List<Record<?>> list) {
      return list.subList(Math.min(from, list.size()), list.size());
    }
    List<Record<?>> later = new ArrayList<>();
    int i = 0;
    for (Record<?> r : records) {
      if (i++ >= from) {
        later.add(r);
      }
    }
    return later;
  }

  /** How many records of the engine's stream the index has taken in; each is read once. */
  int recordsRead() {
    synchronized (engine) {
      return index.read;
    }
  }

  /** A user task's latest state: the value of its latest event, its state, creation and end times. */
  private static final class TaskRecords {
    UserTaskRecordValue value;
    TaskState state = TaskState.CREATED;
    Instant created;
    Instant ended;
  }

  /**
   * What the searches need, taken from the record stream as it grows: each call reads only the records written
   * since the one before (the cluster answers from its secondary store; reading the whole stream on every call
   * made each search cost more the longer the engine ran). Guarded by the engine's monitor.
   */
  private static final class Index {
    final Map<Long, TaskRecords> tasks = new LinkedHashMap<>();
    final Map<Long, Map<String, String>> variables = new HashMap<>();
    final Map<Long, Long> flowScopes = new HashMap<>();
    final Map<Long, String> formIds = new HashMap<>();
    final Map<Long, byte[]> processResources = new HashMap<>();
    /** Records of the stream taken in so far. */
    int read;

    /** Takes in the records written since the last call; returns how many the stream holds now. */
    int catchUp(Iterable<Record<?>> records) {
      for (Record<?> r : since(records, read)) {
        read++;
        if (r.getRecordType() == RecordType.EVENT) {
          add(r);
        }
      }
      return read;
    }

    private void add(Record<?> r) {
      switch (r.getValueType()) {
        case USER_TASK -> addTask(r);
        case VARIABLE -> {
          VariableRecordValue v = (VariableRecordValue) r.getValue();
          variables.computeIfAbsent(v.getScopeKey(), k -> new LinkedHashMap<>()).put(v.getName(), v.getValue());
        }
        case PROCESS_INSTANCE -> {
          ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
          if (v.getFlowScopeKey() > 0) {
            flowScopes.putIfAbsent(r.getKey(), v.getFlowScopeKey());
          }
        }
        case FORM -> {
          Form form = (Form) r.getValue();
          formIds.put(form.getFormKey(), form.getFormId());
        }
        case PROCESS -> {
          Process process = (Process) r.getValue();
          processResources.putIfAbsent(process.getProcessDefinitionKey(), process.getResource());
        }
        default -> { }
      }
    }

    private void addTask(Record<?> r) {
      UserTaskRecordValue value = (UserTaskRecordValue) r.getValue();
      UserTaskIntent intent = (UserTaskIntent) r.getIntent();
      TaskRecords task = tasks.get(value.getUserTaskKey());
      if (task == null) {
        if (intent != UserTaskIntent.CREATING && intent != UserTaskIntent.CREATED) {
          return;
        }
        task = new TaskRecords();
        tasks.put(value.getUserTaskKey(), task);
      }
      switch (intent) {
        case CREATED -> {
          task.value = value;
          task.created = Instant.ofEpochMilli(r.getTimestamp());
        }
        case CREATING -> task.value = value;
        case ASSIGNED, UPDATED, MIGRATED, CORRECTED -> task.value = value;
        case COMPLETED -> end(task, value, TaskState.COMPLETED, r);
        case CANCELED -> end(task, value, TaskState.CANCELED, r);
        default -> { }
      }
    }

    private static void end(TaskRecords task, UserTaskRecordValue value, TaskState state, Record<?> r) {
      task.value = value;
      task.state = state;
      task.ended = Instant.ofEpochMilli(r.getTimestamp());
    }

    /** The task's element instance and its flow scopes, innermost first, up to its process instance. */
    List<Long> scopesOf(long elementInstanceKey) {
      List<Long> scopes = new ArrayList<>();
      Long scope = elementInstanceKey;
      Set<Long> seen = new HashSet<>();
      while (scope != null && seen.add(scope)) {
        scopes.add(scope);
        scope = flowScopes.get(scope);
      }
      return scopes;
    }

    /** The {@code caseId} variable the task sees (a called instance has its own copy of the caller's). */
    String caseIdOf(UserTaskRecordValue task) {
      for (long scope : scopesOf(task.getElementInstanceKey())) {
        String json = variables.getOrDefault(scope, Map.of()).get(CASE_ID);
        if (json != null) {
          Object value = parse(json);
          return Objects.toString(value, null);
        }
      }
      return null;
    }
  }
}
