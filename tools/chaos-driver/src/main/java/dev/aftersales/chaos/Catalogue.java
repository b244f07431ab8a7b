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
    TIMER_RACE("TR", "SKU-TSHIRT-WHITE-M", "79.00", "REFUNDED", "79.00"),
    // Exception orders (ORDER_EXCEPTION, POST /api/orders/{orderId}/exceptions): held in OMS, then released or
    // cancelled there exactly once. None has shipped (no signedAt).
    /** An incomplete address the address service completes with confidence: released. */
    EXCEPTION_ADDRESS("XA", "SKU-SPEAKER-BT", "199.00", "RELEASED", "0.00"),
    /** An address the service is unsure of ("??": confidence 0.42): an agent contacts the customer and releases it. */
    EXCEPTION_ADDRESS_UNSURE("XU", "SKU-SPEAKER-BT", "199.00", "RELEASED", "0.00"),
    /** A failed payment the customer pays through the pay link in time (reported by the channel): released, kept. */
    EXCEPTION_PAID("XP", "SKU-KETTLE-1L5", "259.00", "RELEASED", "0.00"),
    /**
     * A failed payment nobody pays by the deadline (the engine clock jumps): cancelled; the customer pays after
     * the cancellation, which must be refunded exactly once.
     */
    EXCEPTION_PAID_LATE("XL", "SKU-KETTLE-1L5", "259.00", "CANCELLED", "0.00"),
    /**
     * A failed payment paid while the deadline passes (the payment races the engine clock): released with the
     * payment kept, or cancelled with the payment refunded exactly once.
     */
    EXCEPTION_PAYMENT_RACE("XW", "SKU-KETTLE-1L5", "259.00", "RELEASED", "0.00"),
    /** A blacklisted customer: the risk team cancels the paid order, which is refunded in full. */
    EXCEPTION_BLACKLISTED("XB", "SKU-SHIRT-SILK-L", "259.00", "CANCELLED", "259.00"),
    /** Cash on delivery above the limit: the customer declines on the phone, cancelled; nothing was paid. */
    EXCEPTION_CASH_ON_DELIVERY("XC", "SKU-SPEAKER-BT", "1299.00", "CANCELLED", "0.00"),
    /** Split into 5 parcels: the warehouse team approves the split, released. */
    EXCEPTION_PARCELS("XT", "SKU-SHIRT-BLUE-M", "199.00", "RELEASED", "0.00"),
    /** A carrier that does not serve the region: switched by rule (premium: the order is dear), released. */
    EXCEPTION_CARRIER("XR", "SKU-SPEAKER-BT", "2599.00", "RELEASED", "0.00");

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

    boolean exception() {
      return code.startsWith("X");
    }

    /** An exception order whose payment failed: the pay link is sent, the channel reports the payment. */
    boolean paymentFailed() {
      return this == EXCEPTION_PAID || this == EXCEPTION_PAID_LATE || this == EXCEPTION_PAYMENT_RACE;
    }

    /** Kinds left waiting until the engine clock jumps (receipt or payment racing a timer). */
    boolean racesClock() {
      return this == TIMER_RACE || this == EXCEPTION_PAID_LATE || this == EXCEPTION_PAYMENT_RACE;
    }

    /** Whether a case of this kind may end in this status (a payment racing the deadline may end either way). */
    boolean endsIn(String status) {
      return finalStatus.equals(status) || this == EXCEPTION_PAYMENT_RACE && "CANCELLED".equals(status);
    }

    String exceptionType() {
      return switch (this) {
        case EXCEPTION_ADDRESS, EXCEPTION_ADDRESS_UNSURE -> "ADDRESS_INCOMPLETE";
        case EXCEPTION_PAID, EXCEPTION_PAID_LATE, EXCEPTION_PAYMENT_RACE -> "PAYMENT_FAILED";
        case EXCEPTION_BLACKLISTED -> "BLACKLISTED_CUSTOMER";
        case EXCEPTION_CASH_ON_DELIVERY -> "CASH_ON_DELIVERY";
        case EXCEPTION_PARCELS -> "TOO_MANY_PARCELS";
        case EXCEPTION_CARRIER -> "CARRIER_OUT_OF_AREA";
        default -> throw new IllegalStateException("not an exception order: " + this);
      };
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
    if (kind.outOfStock() || kind.exception()) {
      o.putNull("signedAt");
    } else {
      o.put("signedAt", now.minus(2, ChronoUnit.DAYS).toString());
    }
    o.putNull("promotion")
        .put("paymentId", "PAY-" + orderId)
        .put("paymentMethod", switch (kind) {
          case RETURN_QUALITY -> "CARD";
          case EXCEPTION_CASH_ON_DELIVERY -> "CASH_ON_DELIVERY";
          default -> "ALIPAY";
        })
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

  /** The customers risk control has blacklisted: those of the blacklisted-customer kind. */
  static boolean blacklisted(String customerId) {
    return customerId.contains("-" + Kind.EXCEPTION_BLACKLISTED.code + "-");
  }

  /** The payment the channel reports for an order whose payment failed (through the pay link). */
  static String payLinkPayment(String orderId) {
    return "PAY-LINK-" + orderId;
  }

  /**
   * The payment provider declines the refund of the pay-link payment of every second order paid after its
   * cancellation ({@code …-XL-1}, {@code …-XL-3}, …): finance refunds those by hand.
   */
  static boolean refundDeclined(String paymentId) {
    return paymentId.matches("PAY-LINK-.*-" + Kind.EXCEPTION_PAID_LATE.code + "-\\d*[13579]");
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
