package dev.aftersales.workers.cases;

import java.util.Arrays;

/**
 * The human tasks of the returns process, as the model names them in the {@code task} header
 * (= form id), with the BPMN element of the user task, by which Tasklist finds it in an instance.
 */
enum AgentTask {
  EVIDENCE_REVIEW("evidence-review", "UserTask_ReviewEvidence"),
  BARCODE_MISMATCH("barcode-mismatch", "UserTask_ResolveBarcodeMismatch"),
  REFUND_DEDUCTION("refund-deduction", "UserTask_DecideRefundDeduction"),
  MANUAL_REFUND("manual-refund", "UserTask_ArrangeManualRefund");

  private final String id;
  private final String elementId;

  AgentTask(String id, String elementId) {
    this.id = id;
    this.elementId = elementId;
  }

  String id() {
    return id;
  }

  String elementId() {
    return elementId;
  }

  static AgentTask of(String header) {
    return Arrays.stream(values()).filter(t -> t.id.equals(header)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown human task in the task header: " + header));
  }
}
