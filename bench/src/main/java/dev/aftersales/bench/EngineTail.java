package dev.aftersales.bench;

import dev.aftersales.testsupport.LogFollower;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows the in-memory engine's log as it is written and reports, for every process instance,
 * when it started (with its {@code orderId}), when its return label step completed and when it
 * ended, at the moment the record is read. The same observation point for the baseline and the product,
 * taken from the engine's own records rather than from either side's code.
 */
final class EngineTail implements AutoCloseable {

  private final LogFollower log;
  private final BenchEngine.Listener listener;
  private final Thread thread;
  private volatile boolean running = true;

  EngineTail(ProcessTestEngine engine, BenchEngine.Listener listener) {
    this.log = engine.newLogFollower();
    this.listener = listener;
    this.thread = new Thread(this::follow, "engine-tail");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void follow() {
    try {
      followLog();
    } catch (Throwable t) {
      // without the tail no case would ever be seen to end: say so loudly and stop the run
      Bench.log("engine tail failed: %s", t);
      t.printStackTrace();
      Bench.halt(3);
    }
  }

  private final RecordMetadata metadata = new RecordMetadata();
  private final JobRecord job = new JobRecord();
  private final ProcessInstanceRecord instance = new ProcessInstanceRecord();
  private final VariableRecord variable = new VariableRecord();
  /** The names of the kinds of record, made once: this thread reads every record of the run. */
  private final java.util.Map<RecordType, java.util.Map<ValueType, java.util.Map<Intent, String>>> kinds =
      new java.util.EnumMap<>(RecordType.class);

  private void followLog() {
    int racing = 0;
    while (running) {
      int taken = log.readNew(this::take);
      if (log.raced()) {
        // a record still being appended (LogFollower): read again from the last record taken after a pause
        if (++racing > 1000) {
          throw new IllegalStateException("the engine's log could not be read past position " + log.lastPosition()
              + " in 1000 attempts");
        }
      } else {
        racing = 0;
      }
      if (taken == 0) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
      }
    }
  }

  private void take(LoggedEvent event) {
    metadata.reset();
    event.readMetadata(metadata);
    ValueType type = metadata.getValueType();
    Intent intent = metadata.getIntent();
    listener.record(kinds.computeIfAbsent(metadata.getRecordType(), t -> new java.util.HashMap<>())
            .computeIfAbsent(type, t -> new java.util.HashMap<>())
            .computeIfAbsent(intent, i -> metadata.getRecordType() + " " + type + "." + i.name()),
        event.getMetadataLength() + event.getValueLength());
    if (metadata.getRecordType() != RecordType.EVENT) {
      return;
    }
    if (type == ValueType.VARIABLE && intent == VariableIntent.CREATED) {
      event.readValue(variable);
      if (variable.getScopeKey() == variable.getProcessInstanceKey()
          && BenchEngine.ORDER_ID.equals(variable.getName())) {
        String json = variable.getValue();
        listener.started(variable.getProcessInstanceKey(), json.substring(1, json.length() - 1));
      }
    } else if (type == ValueType.JOB && intent == JobIntent.COMPLETED) {
      event.readValue(job);
      if (BenchEngine.LABEL_ELEMENT.equals(job.getElementId())) {
        listener.labelCreated(job.getProcessInstanceKey(), System.nanoTime());
      }
    } else if (type == ValueType.PROCESS_INSTANCE && intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      event.readValue(instance);
      if (instance.getBpmnElementType() == BpmnElementType.PROCESS && instance.getParentProcessInstanceKey() > 0) {
        listener.called(instance.getProcessInstanceKey(), instance.getParentProcessInstanceKey());
      }
    } else if (type == ValueType.PROCESS_INSTANCE && intent == ProcessInstanceIntent.ELEMENT_COMPLETED) {
      event.readValue(instance);
      if (instance.getBpmnElementType() == BpmnElementType.PROCESS) {
        if (instance.getParentProcessInstanceKey() > 0) {
          listener.calledCompleted(instance.getProcessInstanceKey());
        } else {
          listener.completed(instance.getProcessInstanceKey(), System.nanoTime());
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(2000);
  }
}
