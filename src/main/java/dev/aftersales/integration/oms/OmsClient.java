package dev.aftersales.integration.oms;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The order platform: what was ordered, paid and delivered; product prices; after-sales orders. */
@Component
public class OmsClient extends SystemClient {

  public static final Endpoint ORDER = Endpoint.get(SurroundingSystem.OMS, "/oms/orders/{orderId}");
  public static final Endpoint PRODUCT = Endpoint.get(SurroundingSystem.OMS, "/oms/products/{sku}");
  public static final Endpoint ORDERS = Endpoint.post(SurroundingSystem.OMS, "/oms/orders");
  public static final Endpoint CANCELLATION =
      Endpoint.post(SurroundingSystem.OMS, "/oms/orders/{orderId}/cancellation");
  /** Stops an exception order from shipping until it is released or cancelled. */
  public static final Endpoint HOLD = Endpoint.post(SurroundingSystem.OMS, "/oms/orders/{orderId}/hold");
  public static final Endpoint RELEASE = Endpoint.post(SurroundingSystem.OMS, "/oms/orders/{orderId}/release");

  /** @param barcode the product's barcode (EAN) when OMS has one: a returned wrong item is scanned against it */
  public record Product(String sku, String name, BigDecimal unitPrice, String barcode) {}

  /** An after-sales order: {@code type} REPLACEMENT (exchange), RESHIP (mis-sent item) or SUBSTITUTE (out of stock). */
  public record AfterSalesOrderRequest(String type, String originalOrderId, String caseId, String customerId,
      List<OrderedItem> lines, String idempotencyKey) implements IdempotentRequest {}

  /** @param gift sent free with the order (a bundle's replacement component); omitted when false */
  public record OrderedItem(String sku, int quantity, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean gift) {

    public OrderedItem(String sku, int quantity) {
      this(sku, quantity, false);
    }
  }

  /** Cancels quantities of order lines that cannot ship; {@code reason} as the out-of-stock flow gives it. */
  public record CancellationRequest(String caseId, List<OrderedItem> lines, String reason, String idempotencyKey)
      implements IdempotentRequest {}

  public record Cancellation(String cancellationId) {}

  /** Holds an order: {@code reason} is the exception type. */
  public record HoldRequest(String caseId, String reason, String idempotencyKey) implements IdempotentRequest {}

  /** Releases a held order for shipping; {@code carrier} when the case switched it, else null. */
  public record ReleaseRequest(String caseId, @JsonInclude(JsonInclude.Include.NON_NULL) String carrier,
      String idempotencyKey) implements IdempotentRequest {}

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

  public Cancellation cancel(String orderId, CancellationRequest request) {
    return send(CANCELLATION, request, Cancellation.class, orderId);
  }

  public Map<String, Object> hold(String orderId, HoldRequest request) {
    return sendForAcknowledgement(HOLD, request, orderId);
  }

  public Map<String, Object> release(String orderId, ReleaseRequest request) {
    return sendForAcknowledgement(RELEASE, request, orderId);
  }
}
