package dev.aftersales.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The orders, products and stock the fakes answer with, and what each kind of case must end with. Every case
 * has an order of its own (one claim per unit), whose id says the kind: {@code CHAOS-<run>-<kind>-<n>}.
 */
final class Catalogue {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Catalogue() {}

  /**
   * A kind of case: the request the channel (or the warehouse) sends, the status it must end in, and the
   * refund it must get (zero: none).
   */
  enum Kind {
    /** NO_REASON, unopened: approved on its own, refunded on receipt (no freight credit). */
    RETURN_NO_REASON("RN", "SKU-TSHIRT-WHITE-M", "79.00", "REFUNDED", "79.00"),
    /** QUALITY: evidence review by an agent, urgent, refunded with the return shipping on receipt. */
    RETURN_QUALITY("RQ", "SKU-KETTLE-1L5", "259.00", "REFUNDED", "271.00"),
    /** The same variant in another size at the same price: the replacement ships, nothing to pay. */
    EXCHANGE_SAME("EX", "SKU-SHIRT-BLUE-M", "199.00", "EXCHANGED", "0.00"),
    /** A cheaper variant: the difference is refunded. */
    EXCHANGE_CHEAPER("EC", "SKU-SHIRT-BLUE-M", "199.00", "EXCHANGED", "40.00"),
    /** A dearer variant: the customer pays the difference (reported by the channel, verified with payments). */
    EXCHANGE_DEARER("ED", "SKU-SHIRT-BLUE-M", "199.00", "EXCHANGED", "0.00"),
    /** A cheap wrong item (kept by the customer): the right one is reshipped. */
    WRONG_ITEM("WI", "SKU-PHONE-CASE-CLEAR", "19.90", "RESHIPPED", "0.00"),
    /** An item missing from the parcel: reshipped. */
    MISSING_ITEM("MI", "SKU-SPEAKER-BT", "199.00", "RESHIPPED", "0.00"),
    /** Out of stock, arrival within the promise: the backorder ships when the stock arrives. */
    OUT_OF_STOCK_WAIT("OS", "SKU-OOS-SOON", "78.00", "SHIPPED", "0.00"),
    /** Out of stock for long: the customer cancels through an agent, the line is refunded. */
    OUT_OF_STOCK_CANCEL("OL", "SKU-OOS-LATE", "459.00", "CANCELLED", "459.00"),
    /** A NO_REASON return whose parcel arrives while the 7-day timer fires: still refunded exactly once. */
    TIMER_RACE("TR", "SKU-TSHIRT-WHITE-M", "79.00", "REFUNDED", "79.00");

    final String code;
    final String sku;
    final BigDecimal paid;
    final String finalStatus;
    final BigDecimal refund;

    Kind(String code, String sku, String paid, String finalStatus, String refund) {
      this.code = code;
      this.sku = sku;
      this.paid = new BigDecimal(paid);
      this.finalStatus = finalStatus;
      this.refund = new BigDecimal(refund);
    }

    boolean outOfStock() {
      return this == OUT_OF_STOCK_WAIT || this == OUT_OF_STOCK_CANCEL;
    }

    int quantity() {
      return this == OUT_OF_STOCK_WAIT ? 2 : 1;
    }

    String barcode() {
      return "69" + String.format("%011d", Math.abs(sku.hashCode()) % 100_000_000_000L);
    }
  }

  /** An order of the OMS fake. */
  record Order(String orderId, Kind kind, String sku, String json) {}

  /**
   * The order of one case. Out-of-stock backorders of a group share their sku, so that one arrival serves
   * several of them (and an arrival reported twice could hand out units that do not exist).
   */
  static Order order(String orderId, Kind kind, String customerId, String sku) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode o = JSON.createObjectNode()
        .put("orderId", orderId)
        .put("channel", "TMALL")
        .put("customerId", customerId)
        .put("customerTier", "NORMAL")
        .put("placedAt", now.minus(5, ChronoUnit.DAYS).toString());
    if (kind.outOfStock()) {
      o.putNull("signedAt");
    } else {
      o.put("signedAt", now.minus(2, ChronoUnit.DAYS).toString());
    }
    o.putNull("promotion")
        .put("paymentId", "PAY-" + orderId)
        .put("paymentMethod", kind == Kind.RETURN_QUALITY ? "CARD" : "ALIPAY")
        .putNull("installmentPlanId")
        .put("freightInsurance", false)
        .put("warehouseId", "WH-HZ-01");
    o.putArray("coupons");
    ArrayNode lines = o.putArray("lines");
    lines.addObject()
        .put("sku", sku)
        .put("name", sku)
        .put("quantity", kind.quantity())
        .put("unitPrice", kind.paid.divide(BigDecimal.valueOf(kind.quantity())))
        .put("paidAmount", kind.paid)
        .put("gift", false)
        .put("barcode", kind.barcode());
    return new Order(orderId, kind, sku, o.toString());
  }

  private static final Map<String, BigDecimal> PRICES = Map.of(
      "SKU-SHIRT-BLUE-M", new BigDecimal("199.00"),
      "SKU-SHIRT-BLUE-L", new BigDecimal("199.00"),
      "SKU-SHIRT-LINEN-L", new BigDecimal("159.00"),
      "SKU-SHIRT-SILK-L", new BigDecimal("259.00"),
      "SKU-PHONE-CASE-CLEAR", new BigDecimal("19.90"),
      "SKU-PHONE-CASE-BLACK", new BigDecimal("19.90"),
      "SKU-SPEAKER-BT", new BigDecimal("199.00"),
      "SKU-TSHIRT-WHITE-M", new BigDecimal("89.00"),
      "SKU-KETTLE-1L5", new BigDecimal("259.00"));

  static BigDecimal price(String sku) {
    if (sku.startsWith("SKU-OOS-SOON")) {
      return new BigDecimal("39.00");
    }
    if (sku.startsWith("SKU-OOS-LATE")) {
      return new BigDecimal("459.00");
    }
    return PRICES.get(sku);
  }

  /** Days until the next arrival for the skus out of stock; null: in stock. */
  static Integer restockInDays(String sku) {
    if (sku.startsWith("SKU-OOS-SOON")) {
      return 2;
    }
    if (sku.startsWith("SKU-OOS-LATE")) {
      return 10;
    }
    return null;
  }
}
