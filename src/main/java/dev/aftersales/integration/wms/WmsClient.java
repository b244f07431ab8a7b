package dev.aftersales.integration.wms;

import dev.aftersales.cases.Disposition;
import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The warehouse: expects returned parcels and puts returned items where they belong. */
@Component
public class WmsClient extends SystemClient {

  public static final Endpoint INBOUND_NOTICES = Endpoint.post(SurroundingSystem.WMS, "/wms/inbound-notices");
  public static final Endpoint STOCK_DISPOSITIONS = Endpoint.post(SurroundingSystem.WMS, "/wms/stock-dispositions");

  public record InboundNotice(
      String caseId, String orderId, String warehouseId, String trackingNumber, List<ExpectedItem> items,
      String idempotencyKey) implements IdempotentRequest {}

  public record ExpectedItem(String sku, int quantity) {}

  public record StockDisposition(
      String sku, int quantity, Disposition disposition, int discountPercent, String caseId, String idempotencyKey)
      implements IdempotentRequest {}

  public WmsClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.WMS));
  }

  public Map<String, Object> announceInbound(InboundNotice notice) {
    return sendForAcknowledgement(INBOUND_NOTICES, notice);
  }

  public Map<String, Object> dispose(StockDisposition disposition) {
    return sendForAcknowledgement(STOCK_DISPOSITIONS, disposition);
  }
}
