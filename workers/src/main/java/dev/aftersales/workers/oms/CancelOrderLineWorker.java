package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.Shortage;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.CancellationRequest;
import dev.aftersales.integration.oms.OmsClient.OrderedItem;
import dev.aftersales.outofstock.BackorderQueue;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Cancels the short quantity of the order line in the order platform, once (key
 * {@code {caseId}:cancellation}); for a bundle that lacks a component, the bundle line. The reason
 * OMS gets follows from the case: a substitute order was created (SUBSTITUTED), the customer chose
 * to cancel (CUSTOMER_CANCELLED), or the customer never answered (NO_ANSWER). The backorder leaves
 * the queue of its sku, handing on stock allocated to it in the meantime ({@link BackorderQueue}).
 */
@Component
public class CancelOrderLineWorker {

  static final String CANCEL = "CANCEL";

  /** Why the line is cancelled, as OMS records it. */
  enum CancellationReason { SUBSTITUTED, CUSTOMER_CANCELLED, NO_ANSWER }

  public record LineCancelled(String cancellationId) {}

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final OmsClient oms;
  private final StepJournal journal;
  private final BackorderQueue backorders;
  private final Clock clock;

  public CancelOrderLineWorker(CaseRepository cases, ShortageRepository shortages, OmsClient oms, StepJournal journal, BackorderQueue backorders,
      Clock clock) {
    this.cases = cases;
    this.shortages = shortages;
    this.oms = oms;
    this.journal = journal;
    this.backorders = backorders;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CANCEL_ORDER_LINE)
  public LineCancelled cancel(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    Shortage shortage = shortages.require(caseId);
    if (shortage.cancellationId() == null) {
      CancellationRequest request = new CancellationRequest(caseId,
          List.of(new OrderedItem(shortage.orderedSku(), shortage.quantity())), reasonOf(c).name(),
          IdempotencyKeys.of(caseId, "cancellation"));
      String cancellationId = journal.call(job, caseId, OmsClient.CANCELLATION, request,
          () -> oms.cancel(c.getOrderId(), request)).cancellationId();
      Instant now = clock.instant();
      c.touch(now);
      shortage = backorders.leave(c, shortage, s -> s.cancelled(cancellationId, now), "worker:" + job.getType());
    }
    return new LineCancelled(shortage.cancellationId());
  }

  static CancellationReason reasonOf(AfterSalesCase c) {
    if (c.getReplacementOrderId() != null) {
      return CancellationReason.SUBSTITUTED;
    }
    return CANCEL.equals(c.getCustomerAnswer()) ? CancellationReason.CUSTOMER_CANCELLED : CancellationReason.NO_ANSWER;
  }
}
