package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.AfterSalesOrderRequest;
import dev.aftersales.integration.oms.OmsClient.OrderedItem;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates the after-sales order once: the wanted variants of an exchange (REPLACEMENT) or the ordered
 * items again for a mis-sent item (RESHIP). The variable is {@code replacementOrderId}, so the
 * original {@code orderId} of the process stays as it is.
 */
@Component
public class CreateReplacementOrderWorker {

  /** The {@code orderType} header, sent to OMS as the order's type. */
  enum OrderType { REPLACEMENT, RESHIP }

  public record ReplacementOrdered(String replacementOrderId) {}

  private final CaseRepository cases;
  private final OmsClient oms;
  private final StepJournal journal;
  private final Clock clock;

  public CreateReplacementOrderWorker(CaseRepository cases, OmsClient oms, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.oms = oms;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CREATE_REPLACEMENT_ORDER)
  public ReplacementOrdered create(ActivatedJob job, @Variable String caseId) {
    OrderType type = OrderType.valueOf(job.getCustomHeaders().get(Headers.ORDER_TYPE));
    AfterSalesCase c = cases.require(caseId);
    if (c.getReplacementOrderId() == null) {
      List<OrderedItem> items = c.getLines().stream()
          .map(line -> new OrderedItem(c.replacementSkuOf(line), line.quantity()))
          .toList();
      AfterSalesOrderRequest request = new AfterSalesOrderRequest(type.name(), c.getOrderId(), caseId,
          c.getCustomerId(), items, IdempotencyKeys.of(caseId, "replacement-order"));
      String orderId = journal.call(job, caseId, OmsClient.ORDERS, request, () -> oms.createOrder(request)).orderId();
      c.replacementOrdered(orderId);
      c.touch(clock.instant());
      cases.save(c);
    }
    return new ReplacementOrdered(c.getReplacementOrderId());
  }
}
