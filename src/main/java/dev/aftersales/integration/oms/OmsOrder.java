package dev.aftersales.integration.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import java.time.Instant;
import java.util.List;

/**
 * An order as OMS reports it ({@code GET /oms/orders/{orderId}}). {@code signedAt} is null until the
 * customer signed for the parcel. Lines are read straight into the case's order snapshot
 * ({@link OrderLine}: {@code paidAmount} for the whole quantity, {@code barcode} optional). {@code customerTier}
 * (NORMAL, VIP1–VIP3) decides, with the task kind, each human task's priority and SLA (decision task-priority).
 */
public record OmsOrder(
    String orderId,
    String channel,
    String customerId,
    Instant placedAt,
    Instant signedAt,
    String promotion,
    String paymentId,
    PaymentMethod paymentMethod,
    String installmentPlanId,
    boolean freightInsurance,
    String warehouseId,
    List<OrderLine> lines,
    String customerTier) {

  public OmsOrder {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /** What a case keeps of the order: asked once, when the case opens. */
  public AfterSalesCase.OrderFacts facts() {
    return new AfterSalesCase.OrderFacts(customerId, placedAt, signedAt, promotion, paymentId, paymentMethod,
        installmentPlanId, freightInsurance, warehouseId, lines, customerTier);
  }
}
