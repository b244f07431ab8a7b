package dev.aftersales.fuzz;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.fuzz.FuzzBodies.field;
import static dev.aftersales.fuzz.FuzzBodies.list;
import static dev.aftersales.fuzz.FuzzBodies.objects;
import static dev.aftersales.fuzz.FuzzBodies.quantity;
import static dev.aftersales.fuzz.FuzzBodies.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.FreightCredit;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import jakarta.servlet.Filter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The API fuzz suite (docs/security.md): at least {@value #BODIES} generated bodies per POST endpoint,
 * through the real security chain, converters, validation and services (MockMvc on the test
 * application's context, embedded MariaDB, the in-memory engine, the surrounding systems on WireMock).
 * Asserted for every answer: never a 5xx; every 4xx is problem+json naming its fields (in
 * {@code errors}). Asserted after each endpoint: nothing was stored and no process started for a
 * refused body (the rows and instances found are exactly those of the accepted ones), and the accepted
 * cases of an order never claim more than was ordered, so none refunds more than was paid.
 *
 * <p>The bodies come from jqwik generators with a fixed seed per endpoint (reproducible; a failure
 * prints the body). Most are invalid in one or a few fields; some are accepted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // receipts and payments last: they use the accepted cases
class ApiFuzzTest extends ApiTest {

  static final int BODIES = 2000;
  private static final Instant SIGNED = Instant.now().minus(2, ChronoUnit.DAYS);

  @Autowired WebApplicationContext context;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired RefundRepository refunds;

  private MockMvc api;
  /** Ids of this run: the orders, warehouses and arrivals of one run are not those of another. */
  private static final String RUN = "FZ" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private final String run = RUN;
  private final List<String> signedOrders = new ArrayList<>();
  private final List<String> unsignedOrders = new ArrayList<>();

  @BeforeEach
  void application() {
    @SuppressWarnings("unchecked")
    FilterRegistrationBean<Filter> bodySizeLimit = context.getBean("bodySizeLimitFilter", FilterRegistrationBean.class);
    api = MockMvcBuilders.webAppContextSetup(context)
        .addFilters(bodySizeLimit.getFilter())
        .apply(springSecurity())
        .build();
    for (int i = 0; i < 6; i++) {
      signedOrders.add(run + "-S" + i);
      OmsStubs.order(run + "-S" + i, SIGNED, i == 0 ? "HUABEI_INSTALLMENT" : "ALIPAY", i == 1);
      unsignedOrders.add(run + "-N" + i);
      OmsStubs.order(run + "-N" + i, null, "ALIPAY", false);
    }
    // Unknown orders answer 404 from a stub: WireMock's near-miss report of an unmatched request is slow.
    wireMock().stubFor(WireMock.get(urlPathMatching("/oms/orders/" + run + "-U.*"))
        .willReturn(aResponse().withStatus(404)));
  }

  @Test
  @Order(1)
  void afterSalesRequests() throws Exception {
    Arbitrary<Map<String, Object>> line = objects(ordered(
        "sku", field(Arbitraries.of("SKU-A", "SKU-B", "SKU-Z")),
        "quantity", quantity(3),
        "exchangeSku", Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(FuzzBodies.ABSENT)),
            Tuple.of(3, Arbitraries.of("SKU-A-XL", "SKU-B-RED")),
            Tuple.of(1, FuzzBodies.anyJson())),
        "receivedSku", Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just(FuzzBodies.ABSENT)),
            Tuple.of(1, Arbitraries.of("SOCKS", "SKU-A", "")),
            Tuple.of(1, FuzzBodies.anyJson()))));
    Arbitrary<Map<String, Object>> evidence = objects(ordered(
        "url", field(Arbitraries.of("https://img.example/1.jpg", "http://x.example/v.mp4", "https://img.example/2.png",
            "ftp://no", "javascript:x")),
        "kind", field(Arbitraries.of("PHOTO", "VIDEO", "photo", "AUDIO"))));
    Arbitrary<Map<String, Object>> bodies = objects(ordered(
        "channel", field(Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just("TMALL")),
            Tuple.of(1, Arbitraries.of("OWN_SITE", "JD", "tmall")))),
        "channelRequestId", field(Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                .map(s -> run + "-" + s)),
            Tuple.of(1, Arbitraries.of(run + "-R1", run + "-R2")),
            Tuple.of(1, text(90, 120)))),
        "orderId", field(Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(signedOrders)),
            Tuple.of(1, Arbitraries.of(unsignedOrders)),
            Tuple.of(2, Arbitraries.integers().between(0, 99).map(i -> run + "-U" + i)))),
        "type", field(Arbitraries.of("RETURN", "EXCHANGE", "WRONG_ITEM", "MISSING_ITEM", "OUT_OF_STOCK", "return")),
        "reason", field(Arbitraries.of("NO_REASON", "QUALITY", "WRONG")),
        "description", field(Arbitraries.frequencyOf(
            Tuple.of(5, text(0, 60)),
            Tuple.of(1, text(1990, 2010)))),
        "unopened", field(Arbitraries.of(true, false)),
        "lines", list(line, 50),
        "evidence", list(evidence, 20)));

    // One body in six is well-formed, so that requests race for the orders' units and the claims are tested.
    Arbitrary<Map<String, Object>> wellFormedLine = Combinators.combine(
            Arbitraries.of("SKU-A", "SKU-B"), Arbitraries.integers().between(1, 3))
        .as((sku, quantity) -> Map.<String, Object>of("sku", sku, "quantity", quantity, "exchangeSku", sku + "-XL"));
    Arbitrary<Map<String, Object>> wellFormed = Combinators.combine(
            Arbitraries.integers().between(0, 400), Arbitraries.of(signedOrders),
            Arbitraries.of("RETURN", "EXCHANGE", "WRONG_ITEM", "MISSING_ITEM"),
            wellFormedLine.list().ofMinSize(1).ofMaxSize(2).uniqueElements(l -> l.get("sku")))
        .as((request, orderId, type, lines) -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("channel", "TMALL");
          body.put("channelRequestId", run + "-W" + request);
          body.put("orderId", orderId);
          body.put("type", type);
          body.put("reason", "QUALITY");
          body.put("unopened", false);
          body.put("lines", "EXCHANGE".equals(type) ? lines
              : lines.stream().map(l -> Map.of("sku", l.get("sku"), "quantity", l.get("quantity"))).toList());
          return body;
        });
    Arbitrary<Map<String, Object>> mixed = Arbitraries.frequencyOf(Tuple.of(5, bodies), Tuple.of(1, wellFormed));

    Outcomes outcomes = fuzz("/api/after-sales/requests", TestUser.CHANNEL, 11L, mixed, () -> "/api/after-sales/requests");

    Set<String> accepted = outcomes.createdIds();
    assertThat(storedCasesOfThisRun(signedOrders)).as("cases stored for this run's orders")
        .containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(processesStartedFor(signedOrders)).as("processes started").containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(storedCasesOfThisRun(unsignedOrders)).isEmpty();
    for (String orderId : signedOrders) {
      assertClaimsWithinOrderAndRefundsWithinPaid(orderId);
    }
  }

  @Test
  @Order(2)
  void shortageReports() throws Exception {
    Arbitrary<Map<String, Object>> bodies = objects(ordered(
        "sku", field(Arbitraries.of("SKU-A", "SKU-B", "SKU-Z", "SKU:A", "SKU/A")),
        "quantity", quantity(2),
        "bundleSku", Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(FuzzBodies.ABSENT)),
            Tuple.of(1, Arbitraries.of("SKU-A", "", "BUNDLE:1")),
            Tuple.of(1, FuzzBodies.anyJson()))));
    FuzzBodies paths = new FuzzBodies(22L);
    Arbitrary<String> orderIds = Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(unsignedOrders)),
        Tuple.of(1, Arbitraries.of(signedOrders)),
        Tuple.of(2, Arbitraries.integers().between(0, 99).map(i -> run + "-U" + i)),
        Tuple.of(1, Arbitraries.of("a:b", "x".repeat(65), " ", "订单", "..", "a;b")));

    Outcomes outcomes = fuzz("/api/orders/{orderId}/shortages", TestUser.WAREHOUSE, 22L, bodies,
        () -> "/api/orders/" + encode(paths.next(orderIds)) + "/shortages");

    Set<String> accepted = outcomes.createdIds();
    accepted.addAll(outcomes.repeatedIds());
    assertThat(storedCasesOfThisRun(unsignedOrders)).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(processesStartedFor(unsignedOrders)).containsExactlyInAnyOrderElementsOf(accepted);
    // a delivered order has no shortage: its reports were all refused
    assertThat(jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE order_id IN (:orderIds) AND type = 'OUT_OF_STOCK'")
        .param("orderIds", signedOrders).query(Long.class).single()).isZero();
  }

  @Test
  @Order(3)
  void stockArrivals() throws Exception {
    String warehouse = run + "-WH";
    Arbitrary<Map<String, Object>> bodies = objects(ordered(
        "sku", field(Arbitraries.of("SKU-A", "SKU-B", "FZ-NOT-WAITING")),
        "quantity", field(Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(1, 5)),
            Tuple.of(1, Arbitraries.of(0, 1_000_001, -2)))),
        "warehouseId", field(Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(warehouse)),
            Tuple.of(1, text(41, 50)))),
        "arrivalId", field(Arbitraries.integers().between(0, 300).map(i -> "GRN-" + i))));

    long lastBefore = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM stock_arrival").query(Long.class).single();

    Outcomes outcomes = fuzz("/api/stock/arrivals", TestUser.WAREHOUSE, 33L, bodies, () -> "/api/stock/arrivals");

    // One row per arrival answered 200, however often it was sent, and none for a refused body. The answer
    // carries the row's id; an id from before this run is an arrival an earlier run of the suite reported.
    Set<Long> answered = new HashSet<>();
    outcomes.ok().forEach(answer -> answered.add(answer.path("id").asLong()));
    answered.removeIf(id -> id <= lastBefore);
    List<Long> stored = jdbc.sql("SELECT id FROM stock_arrival WHERE id > :lastBefore AND reported_by = :user")
        .param("lastBefore", lastBefore).param("user", TestUser.WAREHOUSE.username).query(Long.class).list();
    assertThat(stored).containsExactlyInAnyOrderElementsOf(answered);
    assertThat(outcomes.ok()).allSatisfy(answer -> assertThat(answer.path("arrivalId").asText()).isNotBlank());
    assertThat(outcomes.statuses()).containsKeys(200, 400);
  }

  @Test
  @Order(4)
  void parcelReceiptsAndDifferencePayments() throws Exception {
    List<String> caseIds = new ArrayList<>(List.of("no-such-case", run + "-unknown"));
    for (String orderId : signedOrders) {
      caseIds.addAll(storedCasesOfThisRun(List.of(orderId)));
    }
    Arbitrary<Map<String, Object>> item = objects(ordered(
        "sku", field(Arbitraries.of("SKU-A", "SKU-B", "SKU-Z")),
        "barcode", field(Arbitraries.of("6900001", "", "x".repeat(65))),
        "grade", field(Arbitraries.of("NEW", "LIGHTLY_USED", "DAMAGED", "BROKEN"))));
    Arbitrary<Map<String, Object>> receipts = objects(ordered(
        "caseId", field(Arbitraries.of(caseIds)),
        "trackingNumber", Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(FuzzBodies.ABSENT)),
            Tuple.of(1, Arbitraries.of("SF" + run, "", "x".repeat(70)))),
        "items", list(item, 10)));
    long receiptEntriesBefore = entriesBy(TestUser.WAREHOUSE.username);

    Outcomes receiptOutcomes = fuzz("/api/warehouse/receipts", TestUser.WAREHOUSE, 44L, receipts,
        () -> "/api/warehouse/receipts");

    // an accepted receipt records one entry with the warehouse as actor; a refused one records nothing
    assertThat(entriesBy(TestUser.WAREHOUSE.username) - receiptEntriesBefore)
        .isEqualTo(receiptOutcomes.count(202));

    Arbitrary<Map<String, Object>> payments = objects(ordered(
        "paymentId", field(Arbitraries.of("PAY-1", "", "x".repeat(65))),
        "amount", field(Arbitraries.of(new BigDecimal("10.00"), new BigDecimal("0.001"), new BigDecimal("-1"),
            new BigDecimal("12345678901.00"), new BigDecimal("0"), "10.00", 10))));
    FuzzBodies paths = new FuzzBodies(55L);
    Arbitrary<String> pathCaseIds = Arbitraries.of(caseIds);
    long paymentEntriesBefore = entriesBy(TestUser.CHANNEL.username);

    Outcomes paymentOutcomes = fuzz("/api/after-sales/cases/{caseId}/difference-payments", TestUser.CHANNEL, 55L,
        payments, () -> "/api/after-sales/cases/" + encode(paths.next(pathCaseIds)) + "/difference-payments");

    assertThat(entriesBy(TestUser.CHANNEL.username) - paymentEntriesBefore).isEqualTo(paymentOutcomes.count(202));
  }

  // ---- the fuzzing loop -------------------------------------------------------------------------

  /** Status counts and the bodies of the 2xx answers of one endpoint. */
  record Outcomes(Map<Integer, Integer> statuses, List<JsonNode> created, List<JsonNode> ok) {

    Set<String> createdIds() {
      Set<String> ids = new HashSet<>();
      created.forEach(answer -> ids.add(answer.path("caseId").asText()));
      return ids;
    }

    Set<String> repeatedIds() {
      Set<String> ids = new HashSet<>();
      ok.forEach(answer -> ids.add(answer.path("caseId").asText()));
      return ids;
    }

    long count(int status) {
      return statuses.getOrDefault(status, 0);
    }
  }

  private Outcomes fuzz(String endpoint, TestUser user, long seed, Arbitrary<Map<String, Object>> bodies,
      Supplier<String> paths) throws Exception {
    FuzzBodies generated = new FuzzBodies(seed);
    long started = System.nanoTime();
    long generating = 0;
    Map<String, Integer> fields = new HashMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<JsonNode> created = new ArrayList<>();
    List<JsonNode> ok = new ArrayList<>();
    for (int i = 0; i < BODIES; i++) {
      long before = System.nanoTime();
      String body = generated.text(json.writeValueAsString(generated.next(bodies)));
      String path = paths.get();
      generating += System.nanoTime() - before;
      // As a URI: the path is sent as generated (already encoded), not encoded once more.
      MockHttpServletResponse answer = api.perform(MockMvcRequestBuilders.post(URI.create(path))
              .with(httpBasic(user.username, user.username + "-pw"))
              .contentType(MediaType.APPLICATION_JSON)
              .content(body))
          .andReturn().getResponse();
      int status = answer.getStatus();
      statuses.merge(status, 1, Integer::sum);
      String shown = "POST %s (seed %d, body %d) %s%n→ %d %s".formatted(path, seed, i,
          body.length() > 600 ? body.substring(0, 600) + "…" : body, status, answer.getContentAsString());
      assertThat(status).as(shown).isLessThan(500);
      if (status >= 400) {
        assertThat(answer.getContentType()).as(shown).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(answer.getContentAsByteArray());
        assertThat(problem.path("status").asInt()).as(shown).isEqualTo(status);
        JsonNode errors = problem.path("errors");
        assertThat(errors.isArray() && !errors.isEmpty()).as("names its fields: " + shown).isTrue();
        errors.forEach(error -> assertThat(error.path("field").asText()).as(shown).isNotBlank());
        errors.forEach(error -> fields.merge(error.path("field").asText().replaceAll("\\[\\d+]", "[]"), 1, Integer::sum));
      } else if (status == 201) {
        created.add(json.readTree(answer.getContentAsByteArray()));
      } else if (status == 200 && !answer.getContentAsString().isEmpty()) {
        ok.add(json.readTree(answer.getContentAsByteArray()));
      }
    }
    System.out.printf("fuzz %s: %d bodies in %d ms (%d ms generating), answers %s, fields named most %s%n",
        endpoint, BODIES, (System.nanoTime() - started) / 1_000_000, generating / 1_000_000, statuses,
        fields.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8).toList());
    return new Outcomes(statuses, created, ok);
  }

  // ---- what was stored ----------------------------------------------------------------------------

  private List<String> storedCasesOfThisRun(List<String> orderIds) {
    return jdbc.sql("SELECT id FROM after_sales_case WHERE order_id IN (:orderIds)")
        .param("orderIds", orderIds).query(String.class).list();
  }

  private List<String> processesStartedFor(List<String> orderIds) {
    List<Record<ProcessInstanceCreationRecordValue>> records = engineRecords(ValueType.PROCESS_INSTANCE_CREATION);
    return records.stream()
        .filter(r -> r.getIntent() == ProcessInstanceCreationIntent.CREATED)
        .filter(r -> orderIds.contains(String.valueOf(r.getValue().getVariables().get("orderId"))))
        .map(r -> String.valueOf(r.getValue().getVariables().get("caseId")))
        .toList();
  }

  private long entriesBy(String actor) {
    return jdbc.sql("SELECT COUNT(*) FROM timeline_entry WHERE actor = :actor AND summary <> 'Case opened'")
        .param("actor", actor).query(Long.class).single();
  }

  /**
   * The order's accepted cases claim each unit at most once, so the refunds their lines can bring,
   * each computed as the refund rule would with nothing deducted, add up to at most what was paid.
   */
  private void assertClaimsWithinOrderAndRefundsWithinPaid(String orderId) {
    List<AfterSalesCase> ofOrder = storedCasesOfThisRun(List.of(orderId)).stream().map(cases::require).toList();
    if (ofOrder.isEmpty()) {
      return;
    }
    List<OrderLine> orderLines = snapshots.require(ofOrder.getFirst().getId()).getOrderLines();
    Map<String, Integer> ordered = new HashMap<>();
    orderLines.forEach(l -> ordered.merge(l.sku(), l.quantity(), Integer::sum));
    BigDecimal paid = orderLines.stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    Map<String, Integer> claimed = new HashMap<>();
    BigDecimal refundable = BigDecimal.ZERO;
    for (AfterSalesCase c : ofOrder) {
      c.getLines().forEach(l -> claimed.merge(l.sku(), l.quantity(), Integer::sum));
      RefundCalculation.Breakdown refund = RefundCalculation.calculate(new RefundCalculation.Input(
          // no shipping known: the lines are what the rule can refund at most
          orderLines, c.getLines(), false, null, FreightCredit.COST, null, null));
      refundable = refundable.add(refund.amount());
      refunds.findById(c.getId()).ifPresent(r -> assertThat(r.amount()).isLessThanOrEqualTo(paid));
    }
    claimed.forEach((sku, units) -> assertThat(units).as("units of %s claimed on %s", sku, orderId)
        .isLessThanOrEqualTo(ordered.getOrDefault(sku, 0)));
    assertThat(refundable).as("refundable on %s", orderId).isLessThanOrEqualTo(paid);
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private static Map<String, Arbitrary<Object>> ordered(Object... namesAndValues) {
    Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      Arbitrary<Object> value = (Arbitrary<Object>) namesAndValues[i + 1];
      fields.put((String) namesAndValues[i], value);
    }
    return fields;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
