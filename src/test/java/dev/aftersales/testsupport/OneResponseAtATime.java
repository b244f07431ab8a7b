package dev.aftersales.testsupport;

import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.DirectBuffer;

/**
 * Stands between an engine's stream processor and ZPT's response writer, so that engines in one JVM answer one at a
 * time. ZPT's {@code GrpcResponseWriter} keeps a response's key, intent and value in <em>static</em> fields: when two
 * engines answer at once (the integration tests' shared engine with its live workers, and a process-path test's own
 * engine), one engine's answer is built from the other's value. A CI run of 6 December 2026 saw it: "Could not
 * deserialize object [ProcessInstanceCreationRecord]" in a path test's engine, whose create-instance command then
 * ran into its 10 s deadline. This writer collects a response and hands it to ZPT's writer, from the first field to
 * the send, under one lock for all engines.
 */
final class OneResponseAtATime implements CommandResponseWriter {

  private static final Object ALL_ENGINES = new Object();

  private final CommandResponseWriter zpt;
  private int partitionId;
  private long key;
  private Intent intent;
  private RecordType recordType;
  private ValueType valueType;
  private RejectionType rejectionType;
  private DirectBuffer rejectionReason;
  private BufferWriter value;

  OneResponseAtATime(CommandResponseWriter zpt) {
    this.zpt = zpt;
  }

  @Override
  public CommandResponseWriter partitionId(int partitionId) {
    this.partitionId = partitionId;
    return this;
  }

  @Override
  public CommandResponseWriter key(long key) {
    this.key = key;
    return this;
  }

  @Override
  public CommandResponseWriter intent(Intent intent) {
    this.intent = intent;
    return this;
  }

  @Override
  public CommandResponseWriter recordType(RecordType type) {
    this.recordType = type;
    return this;
  }

  @Override
  public CommandResponseWriter valueType(ValueType valueType) {
    this.valueType = valueType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionType(RejectionType rejectionType) {
    this.rejectionType = rejectionType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionReason(DirectBuffer rejectionReason) {
    this.rejectionReason = rejectionReason;
    return this;
  }

  /** The value is written when the response is sent, in the same call chain of the stream processor. */
  @Override
  public CommandResponseWriter valueWriter(BufferWriter value) {
    this.value = value;
    return this;
  }

  @Override
  public void tryWriteResponse(int requestStreamId, long requestId) {
    synchronized (ALL_ENGINES) {
      zpt.partitionId(partitionId).key(key).intent(intent).recordType(recordType).valueType(valueType)
          .rejectionType(rejectionType).rejectionReason(rejectionReason).valueWriter(value)
          .tryWriteResponse(requestStreamId, requestId);
    }
  }
}
