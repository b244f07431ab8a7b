package dev.aftersales.workers.cases;

import java.util.Arrays;

/** The human tasks of the processes, as the model names them in the {@code task} header (= form id). */
enum AgentTask {
  EVIDENCE_REVIEW("evidence-review"),
  BARCODE_MISMATCH("barcode-mismatch"),
  REFUND_DEDUCTION("refund-deduction"),
  MANUAL_REFUND("manual-refund"),
  CUSTOMER_CONTACT("customer-contact"),
  LATE_PARCEL("late-parcel"),
  EXCEPTION_REVIEW("exception-review");

  private final String id;

  AgentTask(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  static AgentTask of(String header) {
    return Arrays.stream(values()).filter(t -> t.id.equals(header)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown human task in the task header: " + header));
  }
}
