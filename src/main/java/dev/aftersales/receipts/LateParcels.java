package dev.aftersales.receipts;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.messages.MessagePublishing;
import dev.aftersales.messages.ModelTimers;
import dev.aftersales.process.Messages;
import java.time.Duration;
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
  private final OrderSnapshotRepository snapshots;
  private final MessagePublishing settings;

  /**
   * The late parcel's message is kept, and a repeated report recognised as the same one, for as long as
   * the return waited for its parcel (the model's timer of parcel-received): no timer races it itself.
   */
  public LateParcels(CaseMessagePublisher publisher, OrderSnapshotRepository snapshots, ReceiptProperties properties,
      ModelTimers timers) {
    this.snapshots = snapshots;
    this.publisher = publisher;
    Duration ttl = timers.waitFor(Messages.PARCEL_RECEIVED)
        .orElseThrow(() -> new IllegalStateException("no model waits for " + Messages.PARCEL_RECEIVED));
    this.settings = new MessagePublishing() {
      @Override
      public Duration messageTtl() {
        return ttl;
      }

      @Override
      public Duration publishTimeout() {
        return properties.publishTimeout();
      }
    };
  }

  public void handOver(AfterSalesCase c) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("caseId", c.getId());
    variables.put("orderId", c.getOrderId());
    variables.put("freightInsured", c.isFreightInsurance());
    variables.put("paidByInstallments", c.paidByInstallments());
    variables.put("caseFacts", CaseFacts.lateParcel(c, snapshots.require(c.getId())));
    publisher.publish(Messages.LATE_PARCEL_RECEIVED, c.getId(), settings, "late parcel", variables);
  }
}
