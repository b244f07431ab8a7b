package dev.aftersales.chaos;

import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
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
  long records;

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
      } else if (type == ValueType.PROCESS_INSTANCE && r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
        ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
        if (v.getBpmnElementType() == BpmnElementType.PROCESS) {
          terminated.add(v.getProcessInstanceKey());
        }
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
