package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.Shortage;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.AfterSalesOrderRequest;
import dev.aftersales.integration.oms.OmsClient.OrderedItem;
import dev.aftersales.outofstock.BackorderQueue;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Creates the after-sales order once: the wanted variants of an exchange (REPLACEMENT), the ordered
 * items again for a mis-sent item (RESHIP), or the substitute of a short line (SUBSTITUTE), with the
 * gift the shortage decision chose for a bundle's replacement component. The variable is
 * {@code replacementOrderId}, so the original {@code orderId} of the process stays as it is.
 *
 * <p>A substitute for an ordinary line must cost what the ordered item cost (OMS's unit price), within the
 * {@code substitutePriceTolerance} and with the {@code giftQuantity} of decision {@code shortage-handling};
 * otherwise the BPMN error {@code substitute-price-differs} hands the choice back to the agent, with
 * {@code substituteProblem} saying why. A bundle's replacement component is not priced on its own.
 */
@Component
public class CreateReplacementOrderWorker {

  /** The {@code orderType} header, sent to OMS as the order's type. */
  enum OrderType { REPLACEMENT, RESHIP, SUBSTITUTE }

  public record ReplacementOrdered(String replacementOrderId) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final ShortageRepository shortages;
  private final OmsClient oms;
  private final StepJournal journal;
  private final ProductPrices prices;
  private final BackorderQueue backorders;
  private final Clock clock;

  public CreateReplacementOrderWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      ShortageRepository shortages, OmsClient oms,
      StepJournal journal, ProductPrices prices, BackorderQueue backorders, Clock clock) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.shortages = shortages;
    this.oms = oms;
    this.journal = journal;
    this.prices = prices;
    this.backorders = backorders;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CREATE_REPLACEMENT_ORDER)
  public ReplacementOrdered create(ActivatedJob job, @Variable String caseId,
      @Variable BigDecimal substitutePriceTolerance, @Variable BigDecimal giftQuantity) {
    OrderType type = OrderType.valueOf(job.getCustomHeaders().get(Headers.ORDER_TYPE));
    AfterSalesCase c = cases.require(caseId);
    if (c.getReplacementOrderId() == null) {
      List<OrderedItem> items = new ArrayList<>(c.getLines().stream()
          .map(line -> new OrderedItem(c.replacementSkuOf(line), line.quantity()))
          .toList());
      Shortage shortage = type == OrderType.SUBSTITUTE ? shortages.require(caseId) : null;
      if (type == OrderType.SUBSTITUTE) {
        checkSubstitute(job, c, shortage, substitutePriceTolerance);
        if (shortage.bundleComponent() && shortage.giftSku() != null && giftQuantity != null
            && giftQuantity.signum() > 0) {
          items.add(new OrderedItem(shortage.giftSku(), giftQuantity.intValueExact(), true));
        }
      }
      AfterSalesOrderRequest request = new AfterSalesOrderRequest(type.name(), c.getOrderId(), caseId,
          c.getCustomerId(), items, IdempotencyKeys.of(caseId, "replacement-order"));
      String orderId = journal.call(job, caseId, OmsClient.ORDERS, request, () -> oms.createOrder(request)).orderId();
      c.replacementOrdered(orderId);
      Instant now = clock.instant();
      c.touch(now);
      if (type == OrderType.SUBSTITUTE) {
        // The substitute replaces the wait: the backorder leaves the queue (a bundle's line is not cancelled).
        backorders.leave(c, shortage, s -> s.ended(now), "worker:" + job.getType());
      } else {
        cases.save(c);
      }
    }
    return new ReplacementOrdered(c.getReplacementOrderId());
  }

  private void checkSubstitute(ActivatedJob job, AfterSalesCase c, Shortage shortage, BigDecimal tolerance) {
    String substituteSku = c.getLines().getFirst().exchangeSku();
    if (substituteSku == null || substituteSku.equals(shortage.sku())) {
      throw substituteRefused("no substitute was chosen for " + shortage.sku());
    }
    if (shortage.bundleComponent()) {
      return;
    }
    BigDecimal ordered = snapshots.require(c.getId()).orderLine(shortage.sku()).map(OrderLine::unitPrice)
        .orElseThrow(() -> new IllegalStateException("sku " + shortage.sku() + " is not on the case's order"));
    BigDecimal price = prices.of(job, c.getId(), substituteSku)
        .orElseThrow(() -> substituteRefused("the order platform does not know the substitute " + substituteSku));
    if (tolerance == null) {
      throw new IllegalStateException("the shortage decision gave no substitutePriceTolerance for case " + c.getId());
    }
    if (price.subtract(ordered).abs().compareTo(tolerance) > 0) {
      throw substituteRefused("the substitute %s costs %s CNY, the ordered %s cost %s CNY; offer one at the same price%s"
          .formatted(substituteSku, price, shortage.sku(), ordered,
              tolerance.signum() == 0 ? "" : " (within " + tolerance + " CNY)"));
    }
  }

  private static RuntimeException substituteRefused(String problem) {
    return CamundaError.bpmnError(ErrorCodes.SUBSTITUTE_PRICE_DIFFERS, problem, Map.of("substituteProblem", problem));
  }
}
