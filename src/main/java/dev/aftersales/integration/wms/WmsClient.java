package dev.aftersales.integration.wms;

import dev.aftersales.cases.Disposition;
import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The warehouse: expects returned parcels and puts returned items where they belong; ships
 * after-sales orders, takes picking errors and stock corrections, and tells what is in stock.
 */
@Component
public class WmsClient extends SystemClient {

  public static final Endpoint INBOUND_NOTICES = Endpoint.post(SurroundingSystem.WMS, "/wms/inbound-notices");
  public static final Endpoint STOCK_DISPOSITIONS = Endpoint.post(SurroundingSystem.WMS, "/wms/stock-dispositions");
  public static final Endpoint STOCK = Endpoint.get(SurroundingSystem.WMS, "/wms/stock/{sku}?warehouseId={warehouseId}");
  public static final Endpoint OUTBOUND_ORDERS = Endpoint.post(SurroundingSystem.WMS, "/wms/outbound-orders");
  public static final Endpoint PICKING_ERRORS = Endpoint.post(SurroundingSystem.WMS, "/wms/picking-errors");
  public static final Endpoint STOCK_CORRECTIONS = Endpoint.post(SurroundingSystem.WMS, "/wms/stock-corrections");
  public static final Endpoint SHIPMENTS = Endpoint.get(SurroundingSystem.WMS, "/wms/shipments/{orderId}");

  /** @param priority URGENT for an approved quality return (the warehouse inspects it first), else NORMAL */
  public record InboundNotice(
      String caseId, String orderId, String warehouseId, String trackingNumber, List<ExpectedItem> items,
      String priority, String idempotencyKey) implements IdempotentRequest {

    public static final String URGENT = "URGENT";
    public static final String NORMAL = "NORMAL";
  }

  public record ExpectedItem(String sku, int quantity) {}

  public record StockDisposition(
      String sku, int quantity, Disposition disposition, int discountPercent, String caseId, String idempotencyKey)
      implements IdempotentRequest {}

  /** @param nextArrivalDate ISO date of the next inbound delivery, null when none is planned */
  public record Stock(int available, String nextArrivalDate) {}

  public record OutboundOrderRequest(String orderId, String warehouseId, List<ExpectedItem> lines, String caseId,
      String idempotencyKey) implements IdempotentRequest {}

  public record OutboundOrder(String outboundOrderId) {}

  public record PickingErrorReport(String warehouseId, String orderId, String sku, String caseId,
      String idempotencyKey) implements IdempotentRequest {}

  /** @param status CONFIRMED or DISPUTED */
  public record PickingErrorAnswer(String status) {}

  /** @param quantityDelta positive: the warehouse has more than it booked; negative: less */
  public record StockCorrection(String warehouseId, String sku, int quantityDelta, String reason, String caseId,
      String idempotencyKey) implements IdempotentRequest {}

  /** The parcels of an order as the warehouse packed them: a missing-item claim is checked against them. */
  public record Shipment(String orderId, List<Parcel> parcels) {}

  /** @param skus every packed unit's sku (a sku twice: two units) */
  public record Parcel(String parcelId, Integer weightGrams, List<String> skus) {}

  public WmsClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.WMS));
  }

  public Map<String, Object> announceInbound(InboundNotice notice) {
    return sendForAcknowledgement(INBOUND_NOTICES, notice);
  }

  public Map<String, Object> dispose(StockDisposition disposition) {
    return sendForAcknowledgement(STOCK_DISPOSITIONS, disposition);
  }

  /** Stock of a sku in a warehouse; empty when the warehouse does not carry the sku (404). */
  public Optional<Stock> stock(String sku, String warehouseId) {
    return fetchIfKnown(STOCK, Stock.class, sku, warehouseId);
  }

  public OutboundOrder ship(OutboundOrderRequest request) {
    return send(OUTBOUND_ORDERS, request, OutboundOrder.class);
  }

  public PickingErrorAnswer reportPickingError(PickingErrorReport report) {
    return send(PICKING_ERRORS, report, PickingErrorAnswer.class);
  }

  /** The order's packed parcels; empty when the warehouse has no packing record of it (404). */
  public Optional<Shipment> shipment(String orderId) {
    return fetchIfKnown(SHIPMENTS, Shipment.class, orderId);
  }

  public Map<String, Object> correctStock(StockCorrection correction) {
    return sendForAcknowledgement(STOCK_CORRECTIONS, correction);
  }
}
