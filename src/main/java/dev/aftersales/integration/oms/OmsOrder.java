package dev.aftersales.integration.oms;

import dev.aftersales.cases.PaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as OMS reports it ({@code GET /oms/orders/{orderId}}). {@code signedAt} is null until the
 * customer signed for the parcel; {@code paidAmount} is for the line's whole quantity.
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
    List<Line> lines) {

  public OmsOrder {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /** {@code barcode} is optional: not every OMS knows the item barcodes. */
  public record Line(
      String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal paidAmount, boolean gift, String barcode) {}
}
