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
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.deployment.FormRecord;
import io.camunda.zeebe.protocol.impl.record.value.deployment.ProcessRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
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
 * variables and forms are read from the engine's log as it is written; assignment, completion and updates are
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
  /** Tasks, variables, scopes, forms and models, and the answers to user-task commands, from the engine's log. */
  private final Index index;

  public EngineUserTasks(ProcessTestEngine engine) {
    this.engine = engine;
    this.index = new Index(engine.newLogFollower());
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
    long before = read(index -> index.log.lastPosition());
    synchronized (engine) {
      engine.writeUserTaskCommand(intent, command);
    }
    Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      List<Answer> answers = read(index -> List.copyOf(index.answers.getOrDefault(key, List.of())));
      for (Answer answer : answers) {
        if (answer.position() <= before) {
          continue;
        }
        if (answer.type() == RecordType.COMMAND_REJECTION && answer.intent() == intent) {
          String reason = intent + " of user task " + key + " rejected (" + answer.rejectionType() + "): "
              + answer.rejectionReason();
          throw new UserTaskException(switch (answer.rejectionType()) {
            case NOT_FOUND -> Reason.NOT_FOUND;
            default -> Reason.REJECTED;
          }, reason, null);
        }
        if (answer.type() == RecordType.EVENT && (answer.intent() == done || isDenial(answer.intent()))) {
          if (answer.intent() != done) {
            throw new UserTaskException(Reason.REJECTED, intent + " of user task " + key + " denied by a task listener",
                null);
          }
          return;
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

  /** Runs a query on the index, brought up to date first with the records written since the last call. */
  private <T> T read(Function<Index, T> query) {
    synchronized (index) {
      index.catchUp();
      return query.apply(index);
    }
  }

  /** How many records of the engine's log the index has taken in; each is read once. */
  int recordsRead() {
    return read(index -> index.log.recordsRead());
  }

  /** A user task's latest state: the value of its latest event, its state, creation and end times. */
  private static final class TaskRecords {
    UserTaskRecordValue value;
    TaskState state = TaskState.CREATED;
    Instant created;
    Instant ended;
  }

  /** What the engine answered to a user-task command: an event of the task, or the command's rejection. */
  private record Answer(long position, RecordType type, Intent intent, RejectionType rejectionType,
      String rejectionReason) {}

  /**
   * What the searches need, read from the engine's log as it grows: each call reads only the records written since
   * the one before, and decodes only the kinds it keeps (the cluster answers from its secondary store). Reading
   * zeebe-process-test's record stream instead, or the whole log on every call, made each search cost more the longer
   * the engine ran: the stream turns every record of the log into an object, the benchmark's baseline's too.
   * Guarded by its own monitor.
   */
  private static final class Index {
    final Map<Long, TaskRecords> tasks = new LinkedHashMap<>();
    final Map<Long, Map<String, String>> variables = new HashMap<>();
    final Map<Long, Long> flowScopes = new HashMap<>();
    final Map<Long, String> formIds = new HashMap<>();
    final Map<Long, byte[]> processResources = new HashMap<>();
    /** Per user task: the engine's events and rejections, in the order of the log. */
    final Map<Long, List<Answer>> answers = new HashMap<>();
    private final LogFollower log;
    private final RecordMetadata metadata = new RecordMetadata();
    private final VariableRecord variable = new VariableRecord();
    private final ProcessInstanceRecord instance = new ProcessInstanceRecord();
    private final FormRecord form = new FormRecord();
    private final ProcessRecord process = new ProcessRecord();

    Index(LogFollower log) {
      this.log = log;
    }

    /**
     * Takes in the records written since the last call. One that the engine is still appending is taken in on the
     * next call ({@link LogFollower}).
     */
    void catchUp() {
      log.readNew(this::take);
    }

    private void take(LoggedEvent event) {
      metadata.reset();
      event.readMetadata(metadata);
      RecordType type = metadata.getRecordType();
      if (type == RecordType.COMMAND) {
        return;
      }
      if (metadata.getValueType() == ValueType.USER_TASK) {
        answers.computeIfAbsent(event.getKey(), k -> new ArrayList<>()).add(new Answer(event.getPosition(), type,
            metadata.getIntent(), metadata.getRejectionType(), metadata.getRejectionReason()));
      }
      if (type != RecordType.EVENT) {
        return;
      }
      switch (metadata.getValueType()) {
        case USER_TASK -> addTask(userTaskOf(event), (UserTaskIntent) metadata.getIntent(), event.getTimestamp());
        case VARIABLE -> {
          event.readValue(variable);
          variables.computeIfAbsent(variable.getScopeKey(), k -> new LinkedHashMap<>())
              .put(variable.getName(), variable.getValue());
        }
        case PROCESS_INSTANCE -> {
          event.readValue(instance);
          if (instance.getFlowScopeKey() > 0) {
            flowScopes.putIfAbsent(event.getKey(), instance.getFlowScopeKey());
          }
        }
        case FORM -> {
          event.readValue(form);
          formIds.put(form.getFormKey(), form.getFormId());
        }
        case PROCESS -> {
          event.readValue(process);
          processResources.putIfAbsent(process.getProcessDefinitionKey(), process.getResource());
        }
        default -> { }
      }
    }

    /** The task's record on a copy of its bytes: the log's buffer is read again for the next record. */
    private static UserTaskRecord userTaskOf(LoggedEvent event) {
      byte[] bytes = new byte[event.getValueLength()];
      event.getValueBuffer().getBytes(event.getValueOffset(), bytes);
      UserTaskRecord task = new UserTaskRecord();
      task.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
      return task;
    }

    private void addTask(UserTaskRecordValue value, UserTaskIntent intent, long timestamp) {
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
          task.created = Instant.ofEpochMilli(timestamp);
        }
        case CREATING -> task.value = value;
        case ASSIGNED, UPDATED, MIGRATED, CORRECTED -> task.value = value;
        case COMPLETED -> end(task, value, TaskState.COMPLETED, timestamp);
        case CANCELED -> end(task, value, TaskState.CANCELED, timestamp);
        default -> { }
      }
    }

    private static void end(TaskRecords task, UserTaskRecordValue value, TaskState state, long timestamp) {
      task.value = value;
      task.state = state;
      task.ended = Instant.ofEpochMilli(timestamp);
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
