package dev.aftersales.chaos;

import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobBatchRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the engine's record stream: which case each process instance serves, the root instances per
 * case, the open user tasks, timers and incidents. The engine runs in this JVM, so this is exact.
 */
final class EngineView {

  record OpenTask(long userTaskKey, long processInstanceKey, String elementId, String caseId) {}

  /** A case's process instance; {@code terminated}: cancelled (e.g. a second start the case refused). */
  record RootInstance(long processInstanceKey, String bpmnProcessId, String caseId, boolean terminated) {}

  record OpenIncident(long incidentKey, String elementId, String caseId, String message) {}

  /** A timer that has not fired: {@code elementId} is the event it triggers. */
  record OpenTimer(long timerKey, String elementId, String caseId) {}

  final Map<Long, String> caseOfInstance = new HashMap<>();
  final List<RootInstance> roots = new ArrayList<>();
  final Map<Long, OpenTask> openTasks = new LinkedHashMap<>();
  final Map<Long, OpenIncident> openIncidents = new LinkedHashMap<>();
  final Map<Long, OpenTimer> openTimers = new LinkedHashMap<>();
  /** Per process instance: its elements that were activated and did not end (the process itself excluded). */
  final Map<Long, Map<Long, String>> activeElements = new HashMap<>();
  /** Per job: its element, instance and last intent, for jobs not completed, cancelled or ended in an error. */
  final Map<Long, String[]> openJobs = new LinkedHashMap<>();
  /** Per correlation key (a case id): the messages published for it and where each was correlated. */
  final Map<String, List<String>> messagesOf = new HashMap<>();
  long records;

  /**
   * Where a case's process stands in the engine: its instances' active elements, its open jobs with their last
   * state, the messages published for it and where each went. For the report of a case that did not end.
   */
  String whereIs(String caseId) {
    List<String> parts = new ArrayList<>();
    caseOfInstance.forEach((instance, c) -> {
      if (caseId.equals(c) && activeElements.containsKey(instance) && !activeElements.get(instance).isEmpty()) {
        parts.add("instance " + instance + " at " + activeElements.get(instance).values());
      }
    });
    openJobs.values().stream().filter(j -> caseId.equals(caseOfInstance.get(Long.parseLong(j[1]))))
        .forEach(j -> parts.add("job " + j[0] + " " + j[2]));
    parts.addAll(messagesOf.getOrDefault(caseId, List.of()));
    return parts.isEmpty() ? "nothing active in the engine" : String.join("; ", parts);
  }

  static EngineView of(RecordStream stream) {
    EngineView view = new EngineView();
    List<ProcessInstanceRecordValue> rootValues = new ArrayList<>();
    Map<Long, UserTaskRecordValue> tasks = new LinkedHashMap<>();
    Map<Long, IncidentRecordValue> incidents = new LinkedHashMap<>();
    Map<Long, TimerRecordValue> timers = new LinkedHashMap<>();
    java.util.Set<Long> terminated = new java.util.HashSet<>();
    for (Record<?> r : stream.records()) {
      view.records++;
      if (r.getRecordType() != RecordType.EVENT) {
        continue;
      }
      ValueType type = r.getValueType();
      if (type == ValueType.VARIABLE) {
        VariableRecordValue v = (VariableRecordValue) r.getValue();
        if ("caseId".equals(v.getName()) && v.getValue() != null && v.getValue().length() > 2) {
          view.caseOfInstance.putIfAbsent(v.getProcessInstanceKey(), v.getValue().replace("\"", ""));
        }
      } else if (type == ValueType.PROCESS_INSTANCE && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
        ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
        if (v.getBpmnElementType() == BpmnElementType.PROCESS && v.getParentProcessInstanceKey() <= 0) {
          rootValues.add(v);
        }
        if (v.getBpmnElementType() != BpmnElementType.PROCESS) {
          view.activeElements.computeIfAbsent(v.getProcessInstanceKey(), k -> new LinkedHashMap<>())
              .put(r.getKey(), v.getElementId());
        }
      } else if (type == ValueType.PROCESS_INSTANCE && (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
          || r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED)) {
        ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
        if (v.getBpmnElementType() == BpmnElementType.PROCESS && r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
          terminated.add(v.getProcessInstanceKey());
        }
        Map<Long, String> active = view.activeElements.get(v.getProcessInstanceKey());
        if (active != null) {
          active.remove(r.getKey());
        }
      } else if (type == ValueType.JOB) {
        JobRecordValue v = (JobRecordValue) r.getValue();
        if (r.getIntent() == JobIntent.COMPLETED || r.getIntent() == JobIntent.CANCELED
            || r.getIntent() == JobIntent.ERROR_THROWN) {
          view.openJobs.remove(r.getKey());
        } else {
          view.openJobs.put(r.getKey(), new String[] {v.getElementId(), String.valueOf(v.getProcessInstanceKey()),
              r.getIntent().name() + " (retries " + v.getRetries() + ")"});
        }
      } else if (type == ValueType.JOB_BATCH && r.getIntent() == JobBatchIntent.ACTIVATED) {
        JobBatchRecordValue v = (JobBatchRecordValue) r.getValue();
        for (Long key : v.getJobKeys()) {
          String[] job = view.openJobs.get(key);
          if (job != null) {
            job[2] = "ACTIVATED by " + v.getWorker() + " at " + java.time.Instant.ofEpochMilli(r.getTimestamp());
          }
        }
      } else if (type == ValueType.MESSAGE && (r.getIntent() == MessageIntent.PUBLISHED
          || r.getIntent() == MessageIntent.EXPIRED)) {
        MessageRecordValue v = (MessageRecordValue) r.getValue();
        view.messagesOf.computeIfAbsent(v.getCorrelationKey(), k -> new ArrayList<>())
            .add("message " + v.getName() + " " + r.getIntent().name().toLowerCase() + " at "
                + java.time.Instant.ofEpochMilli(r.getTimestamp()));
      } else if (type == ValueType.PROCESS_MESSAGE_SUBSCRIPTION
          && r.getIntent() == ProcessMessageSubscriptionIntent.CORRELATED) {
        ProcessMessageSubscriptionRecordValue v = (ProcessMessageSubscriptionRecordValue) r.getValue();
        view.messagesOf.computeIfAbsent(v.getCorrelationKey(), k -> new ArrayList<>())
            .add("message " + v.getMessageName() + " correlated to instance " + v.getProcessInstanceKey() + " at "
                + v.getElementId());
      } else if (type == ValueType.USER_TASK) {
        UserTaskRecordValue v = (UserTaskRecordValue) r.getValue();
        if (r.getIntent() == UserTaskIntent.CREATED) {
          tasks.put(v.getUserTaskKey(), v);
        } else if (r.getIntent() == UserTaskIntent.COMPLETED || r.getIntent() == UserTaskIntent.CANCELED) {
          tasks.remove(v.getUserTaskKey());
        }
      } else if (type == ValueType.TIMER) {
        if (r.getIntent() == TimerIntent.CREATED) {
          timers.put(r.getKey(), (TimerRecordValue) r.getValue());
        } else if (r.getIntent() == TimerIntent.TRIGGERED || r.getIntent() == TimerIntent.CANCELED) {
          timers.remove(r.getKey());
        }
      } else if (type == ValueType.INCIDENT) {
        IncidentRecordValue v = (IncidentRecordValue) r.getValue();
        if (r.getIntent() == IncidentIntent.CREATED) {
          incidents.put(r.getKey(), v);
        } else if (r.getIntent() == IncidentIntent.RESOLVED) {
          incidents.remove(r.getKey());
        }
      }
    }
    for (ProcessInstanceRecordValue v : rootValues) {
      view.roots.add(new RootInstance(v.getProcessInstanceKey(), v.getBpmnProcessId(),
          view.caseOfInstance.get(v.getProcessInstanceKey()), terminated.contains(v.getProcessInstanceKey())));
    }
    tasks.forEach((key, v) -> view.openTasks.put(key, new OpenTask(key, v.getProcessInstanceKey(), v.getElementId(),
        view.caseOfInstance.get(v.getProcessInstanceKey()))));
    timers.forEach((key, v) -> view.openTimers.put(key, new OpenTimer(key, v.getTargetElementId(),
        view.caseOfInstance.get(v.getProcessInstanceKey()))));
    incidents.forEach((key, v) -> view.openIncidents.put(key, new OpenIncident(key, v.getElementId(),
        view.caseOfInstance.get(v.getProcessInstanceKey()), v.getErrorMessage())));
    return view;
  }
}
