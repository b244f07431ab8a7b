package dev.aftersales.receipts;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Hands a parcel the return process gave up on to an agent: starts bpmn/late-parcel.bpmn with the
 * message late-parcel-received. Its message id is fixed per case, so the engine starts one instance
 * however often it is sent (the warehouse resending the receipt, a close-case job retried).
 */
@Component
public class LateParcels {

  private final CaseMessagePublisher publisher;
  private final ReceiptProperties properties;

  public LateParcels(CaseMessagePublisher publisher, ReceiptProperties properties) {
    this.publisher = publisher;
    this.properties = properties;
  }

  public void handOver(AfterSalesCase c) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("caseId", c.getId());
    variables.put("orderId", c.getOrderId());
    variables.put("paidByInstallments", c.paidByInstallments());
    variables.put("caseFacts", CaseFacts.lateParcel(c));
    publisher.publish(Messages.LATE_PARCEL_RECEIVED, c.getId(), properties, "late parcel", variables);
  }
}
