package dev.aftersales.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.bench.LoadPhase.CaseRun;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The second workload ({@code bench/run.sh --mixed}): four kinds of case in turn, each through the public API as
 * its users send it, with agents completing the tasks through the agent task API ({@code /api/tasks}):
 * <ul>
 *   <li>{@link Kind#QUALITY_RETURN}: a defective kettle with a photo, reviewed by an agent, then label, parcel,
 *   inspection and refund;</li>
 *   <li>{@link Kind#EXCHANGE}: a kettle for the cheaper mini kettle: label, parcel, the difference refunded, the
 *   replacement ordered and shipped;</li>
 *   <li>{@link Kind#WRONG_ITEM}: a cheap wrong item (kept by the customer), with a photo: reship, picking error,
 *   stock corrections;</li>
 *   <li>{@link Kind#OUT_OF_STOCK}: a line that cannot ship, stock due within the promise: the backorder waits, the
 *   warehouse reports the arrival ({@code /api/stock/arrivals}), the line is allocated and shipped.</li>
 * </ul>
 * Every order has an id of its own (one claim per unit), whose prefix says the kind.
 */
final class MixedWorkload implements LoadPhase.Actions {

  enum Kind {
    QUALITY_RETURN("MQ"), EXCHANGE("MX"), WRONG_ITEM("MW"), OUT_OF_STOCK("OS");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    static Kind of(String orderId) {
      for (Kind k : values()) {
        if (orderId.startsWith(k.prefix + "-")) {
          return k;
        }
      }
      throw new IllegalArgumentException(orderId);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DriverHttp http;
  private final IntFunction<String> baseUrl;
  private final String channelAuth;
  private final String warehouseAuth;
  private final String agentAuth;
  private final LoadPhase.Actions returns;
  /** Out-of-stock cases whose arrival is not reported yet, by case id. */
  private final Map<String, CaseRun> awaitingArrival = new ConcurrentHashMap<>();
  private final Set<String> tasksCompleted = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

  /** @param returns the product's returns actions: their receipt is the parcel of every kind with a label */
  MixedWorkload(DriverHttp http, IntFunction<String> baseUrl, String channelAuth, String warehouseAuth,
      String agentAuth, LoadPhase.Actions returns) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.channelAuth = channelAuth;
    this.warehouseAuth = warehouseAuth;
    this.agentAuth = agentAuth;
    this.returns = returns;
  }

  /** What the kinds need beyond the returns' stubs (Bench registers those first). */
  static void stub(WireMock server) {
    server.register(get(urlPathMatching("/oms/orders/OS-[^/]+")).atPriority(1).willReturn(okJson("""
        {"orderId":"{{request.pathSegments.[2]}}","channel":"DOUYIN","customerId":"C-{{request.pathSegments.[2]}}",\
        "placedAt":"{{now offset='-1 days'}}","signedAt":null,"promotion":null,\
        "paymentId":"PAY-{{request.pathSegments.[2]}}","paymentMethod":"WECHAT","installmentPlanId":null,\
        "freightInsurance":false,"warehouseId":"WH-SH","lines":[\
        {"sku":"LAMP-{{request.pathSegments.[2]}}","name":"Desk lamp","quantity":1,"unitPrice":120.00,\
        "paidAmount":110.00,"gift":false}]}""").withTransformers("response-template")));
    // the lamp of each out-of-stock order arrives within the 3-day promise
    server.register(get(urlPathMatching("/wms/stock/LAMP-.*")).atPriority(1).willReturn(okJson(
        "{\"available\":0,\"nextArrivalDate\":\"{{now offset='2 days' format='yyyy-MM-dd'}}\"}")
        .withTransformers("response-template")));
    server.register(get(urlPathMatching("/wms/stock/.*")).atPriority(5)
        .willReturn(okJson("{\"available\":10,\"nextArrivalDate\":null}")));
    server.register(get(urlEqualTo("/oms/products/SKU-A-MINI"))
        .willReturn(okJson("{\"sku\":\"SKU-A-MINI\",\"name\":\"Mini kettle\",\"unitPrice\":79.50}")));
    server.register(get(urlEqualTo("/oms/products/CASE-CHEAP")).willReturn(okJson(
        "{\"sku\":\"CASE-CHEAP\",\"name\":\"Phone case\",\"unitPrice\":19.90,\"barcode\":\"690-CASE\"}")));
    server.register(post(urlEqualTo("/oms/orders")).willReturn(okJson(
        "{\"orderId\":\"AS-{{jsonPath request.body '$.caseId'}}\"}").withTransformers("response-template")));
    server.register(post(urlEqualTo("/wms/outbound-orders")).willReturn(okJson(
        "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}").withTransformers("response-template")));
    server.register(post(urlEqualTo("/wms/picking-errors")).willReturn(okJson("{\"status\":\"CONFIRMED\"}")));
    server.register(post(urlPathMatching("/oms/orders/.*/cancellation")).willReturn(okJson(
        "{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}").withTransformers("response-template")));
    server.register(post(urlEqualTo("/vision/ocr")).willReturn(okJson("{\"text\":\"\"}")));
    // the return parcel of a quality return: the merchant pays its actual cost (the refund credits it)
    server.register(get(urlPathMatching("/carrier/shipments/[^/]+")).willReturn(okJson("""
        {"trackingNumber":"{{request.pathSegments.[2]}}","status":"DELIVERED","deliveredAt":"{{now}}",\
        "actualCost":12.00}""").withTransformers("response-template")));
  }

  @Override
  public String orderId(long index) {
    return Kind.values()[(int) (index % Kind.values().length)].prefix + "-" + UUID.randomUUID();
  }

  @Override
  public void start(CaseRun run) {
    Kind kind = Kind.of(run.orderId);
    String path = "/api/after-sales/requests";
    String auth = channelAuth;
    String body = switch (kind) {
      case QUALITY_RETURN -> """
          {"channel":"TMALL","channelRequestId":"REQ-%s","orderId":"%s","type":"RETURN","reason":"QUALITY",\
          "description":"壶底漏水 the kettle leaks","unopened":false,"lines":[{"sku":"SKU-A","quantity":1}],\
          "evidence":[{"url":"https://img.example/leak.jpg","kind":"PHOTO"}]}""".formatted(UUID.randomUUID(), run.orderId);
      case EXCHANGE -> """
          {"channel":"TMALL","channelRequestId":"REQ-%s","orderId":"%s","type":"EXCHANGE","reason":"NO_REASON",\
          "description":"too big","unopened":true,"lines":[{"sku":"SKU-A","quantity":1,"exchangeSku":"SKU-A-MINI"}]}"""
          .formatted(UUID.randomUUID(), run.orderId);
      case WRONG_ITEM -> """
          {"channel":"TMALL","channelRequestId":"REQ-%s","orderId":"%s","type":"WRONG_ITEM",\
          "description":"got a phone case, not the kettle","lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"CASE-CHEAP"}],\
          "evidence":[{"url":"https://img.example/case.jpg","kind":"PHOTO"}]}""".formatted(UUID.randomUUID(), run.orderId);
      case OUT_OF_STOCK -> {
        path = "/api/orders/" + run.orderId + "/shortages";
        auth = warehouseAuth;
        yield "{\"sku\":\"LAMP-%s\",\"quantity\":1}".formatted(run.orderId);
      }
    };
    http.postAsync(url(path), auth, body).whenComplete((response, e) -> {
      if (e != null) {
        run.failed(kind + " intake: " + e);
      } else if (response.status() != 201) {
        run.failed(kind + " intake answered " + response.status() + ": " + response.body());
      } else {
        String caseId = caseId(response.body());
        if (kind == Kind.OUT_OF_STOCK) {
          awaitingArrival.put(caseId, run);
        }
        run.accepted(caseId);
      }
    });
  }

  @Override
  public void parcelArrived(CaseRun run) {
    returns.parcelArrived(run); // the quality return's and the exchange's kettle comes back
  }

  /**
   * One round of the agents and the warehouse: every open task completed through the task API as its form allows
   * (once), and the arrival reported for every out-of-stock case now waiting for it.
   */
  void round() throws IOException, InterruptedException {
    DriverHttp.Answer open = http.get(url("/api/tasks?state=CREATED"), agentAuth);
    if (open.status() == 200) {
      for (JsonNode task : JSON.readTree(open.body())) {
        String key = task.path("taskKey").asText();
        String form = switch (task.path("elementId").asText()) {
          case "UserTask_ReviewEvidence", "UserTask_ReviewMisSentClaim" ->
              "{\"variables\":{\"reviewDecision\":\"APPROVE\",\"reviewNote\":\"bench agent\"}}";
          default -> null;
        };
        if (form != null && tasksCompleted.add(key)) {
          DriverHttp.Answer done = http.post(url("/api/tasks/" + key + "/completion"), agentAuth, form);
          if (done.status() != 204) {
            tasksCompleted.remove(key); // again next round
            Bench.log("task %s (%s) completion answered %d: %s", key, task.path("elementId").asText(),
                done.status(), done.body());
          }
        }
      }
    }
    for (Map.Entry<String, CaseRun> waiting : awaitingArrival.entrySet()) {
      DriverHttp.Answer view = http.get(url("/api/after-sales/cases/" + waiting.getKey()), agentAuth);
      if (view.status() == 200 && "WAITING_FOR_STOCK".equals(JSON.readTree(view.body()).path("status").asText())) {
        String orderId = waiting.getValue().orderId;
        DriverHttp.Answer arrived = http.post(url("/api/stock/arrivals"), warehouseAuth,
            "{\"sku\":\"LAMP-%s\",\"quantity\":1,\"warehouseId\":\"WH-SH\",\"arrivalId\":\"A-%s\"}"
                .formatted(orderId, orderId));
        if (arrived.status() == 200) {
          awaitingArrival.remove(waiting.getKey());
        } else {
          waiting.getValue().failed("arrival answered " + arrived.status() + ": " + arrived.body());
        }
      }
    }
  }

  int tasksCompleted() {
    return tasksCompleted.size();
  }

  /** The path on the next application instance, in turn. */
  private String url(String path) {
    return baseUrl.apply(calls.getAndIncrement()) + path;
  }

  private static String caseId(String body) {
    try {
      return JSON.readTree(body).path("caseId").asText();
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
