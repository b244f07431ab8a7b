package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.testsupport.SqlStatements.Executed;
import dev.aftersales.web.ApiPaths;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every SELECT an auto-approved return sends, from the channel's request to the closed case, reads the rows of
 * that case and not those of the other cases in the store: what one step costs the database does not grow with
 * the store. {@code CaseLoadsReadOnlyTheirRowsTest} proves it for the loads of the case; this test proves it for
 * every query of the path that names the case, its request or its order (the claims of the order, the refund, the
 * timeline, the job attempts, the outbox).
 *
 * <p>The store holds other cases that went the same way (so every table the path reads has other cases' rows)
 * and many more opened ones (lines, order lines, photos). The server counts the rows: {@code ANALYZE FORMAT=JSON}
 * runs each statement again, as the application sent it, with its values, after the case ended, and reports the
 * rows it read per table. A statement may read the case's own rows in each table it reads (the timeline's entries,
 * say) and a few more for index probes; a scan would read the other cases' rows too.
 */
class ReturnPathReadsOnlyItsOwnRowsTest extends ApiTest {

  /** Other auto-approved returns, driven through the API first. */
  private static final int OTHER_RETURNS = 24;

  /** Other opened cases, each with two return lines, two order lines and a photo. */
  private static final int OTHER_OPENED_CASES = 300;

  /** Rows beyond the case's own that a statement may read: index probes, the next key of a range. */
  private static final long PROBES = 10;

  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @Test
  void everySelectOfAnAutoApprovedReturnReadsOnlyThatCasesRows() throws Exception {
    stubSurroundingSystems();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < OTHER_RETURNS; i++) {
      others.add(openReturn("O-ROWS-" + UUID.randomUUID(), "REQ-ROWS-" + UUID.randomUUID()));
    }
    for (String other : others) {
      receive(other);
    }
    for (String other : others) {
      awaitStatus(other, CaseStatus.REFUNDED);
    }
    for (int i = 0; i < OTHER_OPENED_CASES; i++) {
      cases.save(openedCase());
    }

    List<Executed> statements = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread(); // this test's own polling is not the path's
    String orderId = "O-ROWS-" + UUID.randomUUID();
    String channelRequestId = "REQ-ROWS-" + UUID.randomUUID();
    String caseId;
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() != self) {
        statements.add(s);
      }
    })) {
      caseId = openReturn(orderId, channelRequestId);
      receive(caseId);
      awaitStatus(caseId, CaseStatus.REFUNDED);
      CaseStatementCount.awaitProcessEnded(cases.require(caseId).getProcessInstanceKey());
    }

    // the path's queries: those that name the case, its request or its order (not the background's, such as a gauge)
    Set<String> keys = Set.of(caseId, channelRequestId, orderId);
    List<Executed> selects = statements.stream()
        .filter(s -> s.sql().stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT"))
        .filter(s -> s.mentions(keys))
        .toList();
    // at least the 14 loads of the case's version (17 SELECTs on 7 December 2026: those, the order's claims, the
    // process start's lock and the refund's lookup of an earlier call)
    assertThat(selects).as("the path's queries").hasSizeGreaterThanOrEqualTo(14);
    for (Executed select : selects) {
      Map<String, Long> read = rowsReadPerTable(select);
      long own = read.keySet().stream().mapToLong(table -> ownRows(table, caseId)).sum();
      assertThat(read.values().stream().mapToLong(Long::longValue).sum())
          .as("rows the server read for %s with %s (per table: %s; the case's own rows there: %d)",
              select.sql(), select.parameters(), read, own)
          .isLessThanOrEqualTo(own + PROBES);
    }
  }

  private void stubSurroundingSystems() {
    wireMock().stubFor(WireMock.post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-ROWS-1\",\"labelUrl\":\"https://labels.example/SF-ROWS-1.pdf\"}")));
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).willReturn(okJson("{\"refundId\":\"R-ROWS\"}")));
    // Any other surrounding system; not the engine's /v2 API, whose answers keep its own contract.
    wireMock().stubFor(WireMock.post(urlPathMatching("/(?!v2/).*")).atPriority(10).willReturn(okJson("{}")));
  }

  private String openReturn(String orderId, String channelRequestId) {
    OmsStubs.order(orderId, Instant.now().minus(Duration.ofDays(2)), "ALIPAY", false);
    Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
         "description":"不想要了","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}]}"""
        .formatted(channelRequestId, orderId));
    assertThat(opened.status()).as("intake: %s", opened.body()).isEqualTo(201);
    return opened.body().path("caseId").asText();
  }

  private void receive(String caseId) {
    awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
    Answer received = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
        {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
    assertThat(received.status()).as("receipt: %s", received.body()).isEqualTo(202);
  }

  private static AfterSalesCase openedCase() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<OrderLine> orderLines = List.of(
        new OrderLine("SKU-A", "A", 1, new BigDecimal("10.00"), new BigDecimal("10.00"), false, "6900001"),
        new OrderLine("SKU-B", "B", 1, new BigDecimal("20.00"), new BigDecimal("20.00"), false, "6900002"));
    return AfterSalesCase.open(CaseType.RETURN, "TMALL", "REQ-ROWS-" + UUID.randomUUID(),
        "O-ROWS-" + UUID.randomUUID(), Reason.QUALITY, "broken", false,
        List.of(ReturnLine.requested("SKU-A", 1, null), ReturnLine.requested("SKU-B", 1, null)),
        List.of(new Evidence("https://photos.example/1.jpg", EvidenceKind.PHOTO, null)),
        new AfterSalesCase.OrderFacts("C-1", now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), null,
            "P-1", PaymentMethod.ALIPAY, null, false, "WH-MAIN", orderLines), now);
  }

  /**
   * The rows the server read for the statement, per table. A statement whose WHERE the optimiser found impossible
   * (a {@code FOR UPDATE SKIP LOCKED} of the outbox once the case is bound) reads no table and reports none.
   */
  private Map<String, Long> rowsReadPerTable(Executed statement) throws Exception {
    String plan = jdbc.queryForObject("ANALYZE FORMAT=JSON " + statement.sql(), String.class,
        statement.parameters().toArray());
    Map<String, Long> read = new HashMap<>();
    collectTables(json.readTree(plan), read);
    return read;
  }

  private static void collectTables(JsonNode node, Map<String, Long> read) {
    if (node.isObject()) {
      JsonNode table = node.get("table");
      if (table != null && table.isObject() && table.has("table_name")) {
        read.merge(table.get("table_name").asText(),
            (long) (table.path("r_loops").asDouble() * table.path("r_rows").asDouble()), Long::sum);
      }
      node.forEach(child -> collectTables(child, read));
    } else if (node.isArray()) {
      node.forEach(child -> collectTables(child, read));
    }
  }

  /** The case's own rows in a table: its row, or the rows keyed by its id; one for a table of the order. */
  private long ownRows(String table, String caseId) {
    if (table.equals("after_sales_case") || table.equals("order_claim")) {
      return 1;
    }
    Integer keyed = jdbc.queryForObject("""
        SELECT COUNT(*) FROM information_schema.columns
         WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'case_id'""", Integer.class, table);
    if (keyed == null || keyed == 0) {
      return 1;
    }
    return jdbc.queryForObject("SELECT COUNT(*) FROM `" + table + "` WHERE case_id = ?", Long.class, caseId);
  }
}
