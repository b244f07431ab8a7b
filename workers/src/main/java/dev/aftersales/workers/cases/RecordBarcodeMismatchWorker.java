package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Records how an agent resolved a barcode mismatch ({@code barcode-mismatch} form); the gateway after it routes. */
@Component
public class RecordBarcodeMismatchWorker {

  /** The form's fields (forms/barcode-mismatch.form) and the case. */
  public record BarcodeMismatch(String caseId, String mismatchResolution, String mismatchNote) {}

  private final AgentDecisions decisions;

  public RecordBarcodeMismatchWorker(AgentDecisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_BARCODE_MISMATCH)
  public void record(ActivatedJob job, @VariablesAsType BarcodeMismatch form) {
    decisions.record(job, form.caseId(), AgentTask.BARCODE_MISMATCH, form,
        c -> "Barcode mismatch resolved: " + form.mismatchResolution());
  }
}
