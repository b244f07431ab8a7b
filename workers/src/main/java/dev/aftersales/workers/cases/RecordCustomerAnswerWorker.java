package dev.aftersales.workers.cases;

import dev.aftersales.process.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Stores the customer's choice from the {@code customer-contact} form and the sku that ships instead, if any. */
@Component
public class RecordCustomerAnswerWorker {

  /** The customer wants another variant, named in {@code newExchangeSku}. */
  static final String OTHER_VARIANT = "OTHER_VARIANT";
  /** Out of stock: the customer takes the item named in {@code substituteSku} instead. */
  static final String SUBSTITUTE = "SUBSTITUTE";
  /** A wrong item no rule decided on: the customer keeps it, or sends it back ({@code SEND_BACK}). */
  static final String KEEP_ITEM = "KEEP_ITEM";
  static final String SEND_BACK = "SEND_BACK";

  /** The form's fields (forms/customer-contact.form) and the case. */
  public record CustomerAnswer(String caseId, String customerAnswer, String newExchangeSku, String substituteSku,
      String contactNotes) {}

  private final AgentDecisions decisions;

  public RecordCustomerAnswerWorker(AgentDecisions decisions) {
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_CUSTOMER_ANSWER)
  public void record(ActivatedJob job, @VariablesAsType CustomerAnswer form) {
    decisions.record(job, form.caseId(), AgentTask.CUSTOMER_CONTACT, form, c -> {
      // Another variant (exchange) and a substitute (out of stock) both name the sku that ships instead.
      String instead = switch (String.valueOf(form.customerAnswer())) {
        case OTHER_VARIANT -> required(form.newExchangeSku(), "the customer wants another variant but the form names none");
        case SUBSTITUTE -> required(form.substituteSku(), "the customer takes a substitute but the form names none");
        default -> null;
      };
      c.customerAnswered(form.customerAnswer(), form.contactNotes(), instead);
      if (KEEP_ITEM.equals(form.customerAnswer()) || SEND_BACK.equals(form.customerAnswer())) {
        c.wrongItemHandlingDecided(c.getWrongItemValue(), KEEP_ITEM.equals(form.customerAnswer()),
            "Agreed with the customer by an agent");
      }
      return "Customer answered " + form.customerAnswer() + (instead != null ? ": " + instead : "");
    });
  }

  private static String required(String sku, String problem) {
    if (sku == null || sku.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
    return sku.strip();
  }
}
