package dev.aftersales.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stateful fakes of every system the flows call (OMS, WMS, payments, carrier and its coverage, insurer,
 * marketing, notifications, vision, address, risk) on one port, as the application's single integration base
 * URL expects.
 *
 * <p>Each write is applied once per idempotency key, as a real provider does: a retried key gets the first
 * answer back (payments sometimes answer "already refunded" instead, as some providers do), a key still being
 * answered gets 409. What was applied is counted per case, so that the campaign can tell a retried call (one
 * effect) from a second effect (two keys, or one key with another amount). Faults are switched on by the
 * campaign: 5xx and 409 bursts (nothing applied) and applied-then-stalled answers (applied, answered after the
 * client's read timeout).
 */
final class Fakes implements AutoCloseable {

  static final BigDecimal RETURN_SHIPPING = new BigDecimal("12.00");
  static final BigDecimal DIFFERENCE_CHARGE = new BigDecimal("60.00");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** One applied write: what it did and what it answered. */
  record Applied(String system, String path, String key, String caseId, BigDecimal amount, JsonNode body,
                 int status, String answer, Instant at) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(96);
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();
  /** Keys whose first answer is still stalled: a retry meanwhile gets 409, as from a provider still at work. */
  private final Map<String, Boolean> stalling = new ConcurrentHashMap<>();
  private final Map<String, Catalogue.Order> orders;

  volatile double serverErrorRate;
  volatile double conflictRate;
  volatile double stallRate;
  volatile long stallMillis = 3_000;

  final AtomicLong requests = new AtomicLong();
  final AtomicLong replays = new AtomicLong();
  final AtomicLong injected5xx = new AtomicLong();
  final AtomicLong injected409 = new AtomicLong();
  final AtomicLong stalled = new AtomicLong();
  /** First attempts of a late order payment's refund answered 503 (each case's once): the payment retry's work. */
  final AtomicLong lateRefundsRefusedOnce = new AtomicLong();
  private final Set<String> lateRefundKeysRefused = ConcurrentHashMap.newKeySet();
  /**
   * Late order payments whose refund the provider declines (422, every attempt): every second late-paid exception
   * order (odd index). The application must hand them to finance, not ask again, and record finance's refund.
   */
  final Set<String> lateRefundKeysDeclined = ConcurrentHashMap.newKeySet();
  /** The declines answered: more than one per key is the application asking again (a crash before it stored one). */
  final AtomicLong lateRefundDeclines = new AtomicLong();
  final AtomicLong alreadyRefundedAnswers = new AtomicLong();
  /** A key sent again with another amount: the second call would have been another effect. */
  final List<String> conflictingReuse = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger unknownCalls = new AtomicInteger();
  final List<String> unknownPaths = java.util.Collections.synchronizedList(new ArrayList<>());

  Fakes(int port, Map<String, Catalogue.Order> orders) throws IOException {
    this.orders = orders;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Applied> applied() {
    return List.copyOf(applied.values());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (random.nextDouble() < serverErrorRate) {
        injected5xx.incrementAndGet();
        send(exchange, 503, problem("Service unavailable (injected)"));
        return;
      }
      if ("GET".equals(method)) {
        get(exchange, path, query);
        return;
      }
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      if ("/vision/ocr".equals(path)) {
        send(exchange, 200, "{\"text\": \"\"}");
        return;
      }
      if ("/address/normalization".equals(path)) {
        // a query, without a key: an address with "??" is one the service is unsure of (an agent contacts the customer)
        String address = body.path("address").asText("");
        send(exchange, 200, JSON.createObjectNode().put("normalized", "浙江省杭州市 " + address.replace("??", ""))
            .put("confidence", new BigDecimal(address.contains("??") ? "0.42" : "0.95")).toString());
        return;
      }
      String key = body.path("idempotencyKey").asText(null);
      if (key == null) {
        send(exchange, 400, problem("idempotencyKey missing"));
        return;
      }
      if ("/payments/refunds".equals(path) && key.endsWith(":late-payment-refund")
          && Catalogue.refundDeclined(body.path("paymentId").asText(""))) {
        lateRefundKeysDeclined.add(key);
        lateRefundDeclines.incrementAndGet();
        send(exchange, 422, JSON.createObjectNode().put("code", "REFUND_DECLINED")
            .put("reason", "payer account closed (injected: every second late order payment)").toString());
        return;
      }
      if ("/payments/refunds".equals(path) && key.endsWith(":late-payment-refund") && lateRefundKeysRefused.add(key)) {
        // the provider is away when a late order payment is first refunded: the application stores the payment and
        // answers 503 "refund pending"; the channel reports nothing more, so the payment retry must refund it
        lateRefundsRefusedOnce.incrementAndGet();
        send(exchange, 503, problem("Service unavailable (injected: the first refund of each late order payment)"));
        return;
      }
      String system = path.split("/")[1];
      String ledgerKey = system + " " + key;
      if (random.nextDouble() < conflictRate) {
        injected409.incrementAndGet();
        send(exchange, 409, problem("A request with this idempotency key is in progress (injected)"));
        return;
      }
      Applied first;
      boolean stall = false;
      synchronized (applied) {
        first = applied.get(ledgerKey);
        if (first == null) {
          Answer answer = write(path, key, body);
          if (answer == null) {
            unknownCalls.incrementAndGet();
            unknownPaths.add(method + " " + path);
            send(exchange, 404, problem("No fake for " + method + " " + path));
            return;
          }
          BigDecimal amount = body.hasNonNull("amount") ? body.get("amount").decimalValue() : null;
          Applied now = new Applied(system, path, key, caseOf(key), amount, body, answer.status, answer.json,
              Instant.now());
          applied.put(ledgerKey, now);
          stall = random.nextDouble() < stallRate;
          if (stall) {
            stalling.put(ledgerKey, true);
          }
          first = null;
          if (!stall) {
            send(exchange, answer.status, answer.json);
            return;
          }
        }
      }
      if (stall) {
        stalled.incrementAndGet();
        sleep(stallMillis);
        stalling.remove(ledgerKey);
        Applied done = applied.get(ledgerKey);
        send(exchange, done.status, done.answer);
        return;
      }
      replays.incrementAndGet();
      BigDecimal amount = body.hasNonNull("amount") ? body.get("amount").decimalValue() : null;
      if (first.amount != null && amount != null && first.amount.compareTo(amount) != 0) {
        conflictingReuse.add(key + " " + first.amount + " then " + amount);
      }
      if (stalling.containsKey(ledgerKey)) {
        send(exchange, 409, problem("A request with this idempotency key is in progress"));
        return;
      }
      if ("/payments/refunds".equals(path) && random.nextBoolean()) {
        // Some providers refuse a known key instead of repeating the answer; the product reconciles by key.
        alreadyRefundedAnswers.incrementAndGet();
        send(exchange, 422, "{\"code\": \"ALREADY_REFUNDED\", \"title\": \"A refund with this idempotency key exists\"}");
        return;
      }
      send(exchange, first.status, first.answer);
    } catch (RuntimeException e) {
      try {
        send(exchange, 500, problem("fake failed: " + e));
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  private record Answer(int status, String json) {}

  private Answer write(String path, String key, JsonNode body) {
    String id = key.replace(':', '-');
    String[] p = path.split("/");
    ObjectNode out = JSON.createObjectNode().put("idempotencyKey", key);
    switch (path) {
      case "/oms/orders" -> out.put("orderId", "AS-" + id).put("status", "CREATED");
      case "/wms/inbound-notices" -> out.put("noticeId", "IN-" + id).put("status", "EXPECTED");
      case "/wms/stock-dispositions" -> out.put("dispositionId", "SD-" + id).put("status", "BOOKED")
          .put("sku", body.path("sku").asText()).put("disposition", body.path("disposition").asText());
      case "/wms/outbound-orders" -> out.put("outboundOrderId", "OB-" + id).put("status", "CREATED");
      case "/wms/picking-errors" -> out.put("pickingErrorId", "PE-" + id).put("status", "CONFIRMED");
      case "/wms/stock-corrections" -> out.put("correctionId", "SC-" + id).put("status", "BOOKED");
      case "/payments/refunds" -> out.put("refundId", "RF-" + id).put("status", "SUCCEEDED")
          .put("paymentId", body.path("paymentId").asText());
      case "/payments/payment-requests" -> out.put("paymentRequestId", "PR-" + id)
          .put("payUrl", "https://pay.fake.example/PR-" + id);
      case "/carrier/return-labels" -> out.put("trackingNumber", "RT-" + id)
          .put("labelUrl", "https://carrier.fake.example/labels/RT-" + id);
      case "/insurer/claims" -> out.put("claimId", "CL-" + id).put("status", "APPROVED").put("payout", new BigDecimal("10.00"));
      case "/marketing/coupons" -> out.put("couponId", "CP-" + id).put("status", "ISSUED");
      case "/notifications" -> {
        return new Answer(202, out.put("notificationId", "NT-" + id).put("status", "QUEUED").toString());
      }
      default -> {
        if (p.length == 5 && path.startsWith("/oms/orders/") && p[4].equals("cancellation")) {
          out.put("orderId", p[3]).put("cancellationId", "CN-" + id).put("status", "CANCELLED");
        } else if (p.length == 5 && path.startsWith("/oms/orders/") && (p[4].equals("hold") || p[4].equals("release"))) {
          out.put("orderId", p[3]).put("status", p[4].toUpperCase());
        } else if (p.length == 5 && path.startsWith("/payments/installment-plans/") && p[4].equals("reversal")) {
          out.put("planId", p[3]).put("reversalId", "RV-" + id).put("status", "REVERSED");
        } else if (p.length == 5 && path.startsWith("/payments/payment-requests/") && p[4].equals("cancellation")) {
          out.put("paymentRequestId", p[3]).put("status", "CANCELLED");
        } else {
          return null;
        }
      }
    }
    return new Answer(201, out.toString());
  }

  private void get(HttpExchange exchange, String path, String query) throws IOException {
    String[] p = path.split("/");
    if (path.startsWith("/oms/orders/") && p.length == 4) {
      Catalogue.Order order = orders.get(p[3]);
      if (order == null) {
        send(exchange, 404, problem("No order " + p[3]));
      } else {
        send(exchange, 200, order.json());
      }
    } else if (path.startsWith("/oms/products/") && p.length == 4) {
      BigDecimal price = Catalogue.price(p[3]);
      send(exchange, price == null ? 404 : 200, price == null ? problem("No product " + p[3])
          : JSON.createObjectNode().put("sku", p[3]).put("name", p[3]).put("unitPrice", price).toString());
    } else if (path.startsWith("/wms/stock/") && p.length == 4) {
      Integer inDays = Catalogue.restockInDays(p[3]);
      ObjectNode stock = JSON.createObjectNode().put("sku", p[3]).put("available", inDays == null ? 100 : 0);
      if (inDays == null) {
        stock.putNull("nextArrivalDate");
      } else {
        stock.put("nextArrivalDate", LocalDate.now(SHANGHAI).plusDays(inDays).toString());
      }
      send(exchange, 200, stock.toString());
    } else if (path.startsWith("/wms/shipments/") && p.length == 4) {
      // the packing record of a missing-item claim: packed without the claimed item, so the claim stands
      ObjectNode shipment = JSON.createObjectNode().put("orderId", p[3]);
      shipment.putArray("parcels").addObject().put("parcelId", "PK-" + p[3]).put("weightGrams", 850).putArray("skus");
      send(exchange, 200, shipment.toString());
    } else if (path.startsWith("/carrier/shipments/") && p.length == 4) {
      send(exchange, 200, JSON.createObjectNode().put("trackingNumber", p[3]).put("status", "DELIVERED")
          .put("deliveredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
          .put("actualCost", RETURN_SHIPPING).toString());
    } else if ("/payments/refunds".equals(path)) {
      String key = query == null ? "" : URLDecoder.decode(query.replaceFirst("^idempotencyKey=", ""), StandardCharsets.UTF_8);
      Applied refund = applied.get("payments " + key);
      if (refund == null || !"/payments/refunds".equals(refund.path)) {
        send(exchange, 404, "{\"code\": \"REFUND_NOT_FOUND\"}");
      } else {
        send(exchange, 200, JSON.createObjectNode().put("refundId", "RF-" + key.replace(':', '-'))
            .put("amount", refund.amount).put("status", "SUCCEEDED").put("idempotencyKey", key).toString());
      }
    } else if (path.startsWith("/payments/PAY-DIFF-") && p.length == 3) {
      send(exchange, 200, JSON.createObjectNode().put("paymentId", p[2]).put("status", "SUCCEEDED")
          .put("amount", DIFFERENCE_CHARGE).put("currency", "CNY").toString());
    } else if (path.startsWith("/payments/PAY-") && p.length == 3) {
      payment(exchange, p[2]);
    } else if (path.startsWith("/risk/customers/") && p.length == 4) {
      boolean blacklisted = Catalogue.blacklisted(p[3]);
      send(exchange, 200, JSON.createObjectNode().put("customerId", p[3]).put("blacklisted", blacklisted)
          .put("reason", blacklisted ? "3 chargebacks in 90 days" : null).toString());
    } else if ("/carrier/coverage".equals(path)) {
      // every region is served by an ordinary and a premium carrier
      ObjectNode coverage = JSON.createObjectNode();
      coverage.putArray("carriers").add(JSON.createObjectNode().put("carrier", "ZTO").put("premium", false))
          .add(JSON.createObjectNode().put("carrier", "SF-EXPRESS").put("premium", true));
      send(exchange, 200, coverage.toString());
    } else {
      unknownCalls.incrementAndGet();
      unknownPaths.add("GET " + path);
      send(exchange, 404, problem("No fake for GET " + path));
    }
  }

  /**
   * An order's payment as the provider holds it: {@code PAY-<orderId>} succeeded for what the order's lines were
   * paid (failed for the orders whose payment failed), {@code PAY-LINK-<orderId>} is the payment through the pay
   * link, succeeded for the order's amount.
   */
  private void payment(HttpExchange exchange, String paymentId) throws IOException {
    boolean payLink = paymentId.startsWith("PAY-LINK-");
    Catalogue.Order order = orders.get(paymentId.substring(payLink ? "PAY-LINK-".length() : "PAY-".length()));
    if (order == null) {
      send(exchange, 404, problem("No payment " + paymentId));
      return;
    }
    boolean failed = !payLink && order.kind().paymentFailed();
    send(exchange, 200, JSON.createObjectNode().put("paymentId", paymentId).put("status", failed ? "FAILED" : "SUCCEEDED")
        .put("amount", order.kind().paid).put("currency", "CNY").toString());
  }

  /** The case an idempotency key belongs to: keys are {caseId}:{step}[:{detail}]. */
  static String caseOf(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  private static String problem(String title) {
    return JSON.createObjectNode().put("type", "about:blank").put("title", title).toString();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
