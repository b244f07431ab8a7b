package dev.aftersales.integration.oms;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The order platform: what was ordered, paid and delivered; product prices; after-sales orders. */
@Component
public class OmsClient extends SystemClient {

  public static final Endpoint ORDER = Endpoint.get(SurroundingSystem.OMS, "/oms/orders/{orderId}");
  public static final Endpoint PRODUCT = Endpoint.get(SurroundingSystem.OMS, "/oms/products/{sku}");
  public static final Endpoint ORDERS = Endpoint.post(SurroundingSystem.OMS, "/oms/orders");

  public record Product(String sku, String name, BigDecimal unitPrice) {}

  /** An after-sales order: {@code type} REPLACEMENT (exchange) or RESHIP (mis-sent item). */
  public record AfterSalesOrderRequest(String type, String originalOrderId, String caseId, String customerId,
      List<OrderedItem> lines, String idempotencyKey) implements IdempotentRequest {}

  public record OrderedItem(String sku, int quantity) {}

  public record CreatedOrder(String orderId) {}

  public OmsClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.OMS));
  }

  /**
   * The order, or empty when OMS does not know it (404). Any other failure — unreachable, timeout,
   * a 5xx or an unreadable answer — is technical: {@link ExternalSystemException}.
   */
  public Optional<OmsOrder> findOrder(String orderId) {
    return fetchIfKnown(ORDER, OmsOrder.class, orderId);
  }

  /** The product with its current unit price, or empty when OMS does not know the sku (404). */
  public Optional<Product> findProduct(String sku) {
    return fetchIfKnown(PRODUCT, Product.class, sku);
  }

  public CreatedOrder createOrder(AfterSalesOrderRequest request) {
    return send(ORDERS, request, CreatedOrder.class);
  }
}
