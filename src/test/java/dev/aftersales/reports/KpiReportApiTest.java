package dev.aftersales.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.web.ApiPaths;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The KPI report over March 2024 (Asia/Shanghai) of a small data set written with SQL, every figure
 * checked against numbers worked out by hand. The database is shared with every other integration
 * test and kept between runs: the data set has its own ids ({@value #ID_PREFIX}…), channels and
 * warehouses, lies years before any other test's cases, is removed before and after each test, and
 * every case carries a process instance key so the intake's start retry never picks one up.
 */
class KpiReportApiTest extends ApiTest {

  private static final String ID_PREFIX = "kpitest-";
  private static final String PERIOD = "?from=2024-03-01&to=2024-03-31";
  private static final String TMALL = "KPI-TMALL";
  private static final String JD = "KPI-JD";
  private static final String DOUYIN = "KPI-DY";
  private static final String WH_1 = "KPI-WH-1";
  private static final String WH_2 = "KPI-WH-2";

  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @BeforeEach
  @AfterEach
  void removeDataSet() {
    for (String child : List.of("case_line", "case_refund", "case_coupon", "picking_error", "case_shortage",
        "case_order_exception")) {
      jdbc.sql("DELETE FROM " + child + " WHERE case_id LIKE :prefix").param("prefix", ID_PREFIX + "%").update();
    }
    jdbc.sql("DELETE FROM after_sales_case WHERE id LIKE :prefix").param("prefix", ID_PREFIX + "%").update();
  }

  @Test
  void everyFigureOfThePeriodIsComputedFromTheCaseStore() throws Exception {
    insertDataSet();

    List<String> statements = new CopyOnWriteArrayList<>();
    Answer answer;
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread().getName().startsWith("http-")) {
        statements.add(s.sql());
      }
    })) {
      answer = get(TestUser.OWNER, ApiPaths.KPIS + PERIOD);
    }

    assertThat(answer.status()).isEqualTo(200);
    assertThat(statements).as("aggregate queries, nothing loaded").hasSize(8)
        .allSatisfy(sql -> assertThat(sql.strip()).startsWith("SELECT"));
    JsonNode kpis = answer.body();
    assertThat(names(kpis)).containsExactly("from", "to", "zone", "generatedAt", "currency", "cases", "cycleTime",
        "autoDecision", "resale", "refunds", "coupons", "pickingErrors", "topReturnReasons", "slaBreaches",
        "outOfStock", "exceptionOrders");
    assertThat(kpis.path("from").asText()).isEqualTo("2024-03-01");
    assertThat(kpis.path("to").asText()).isEqualTo("2024-03-31");
    assertThat(kpis.path("zone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(kpis.path("currency").asText()).isEqualTo("CNY");
    Instant generatedAt = Instant.parse(kpis.path("generatedAt").asText());
    assertThat(generatedAt).isBetween(Instant.now().minusSeconds(60), Instant.now());

    // 16 opened: C1–C10 and S1–S6; the cases of 29 Feb and 1 Apr (Shanghai) are outside, though in UTC
    // one of them is on 1 Mar and the other on 31 Mar.
    JsonNode cases = kpis.path("cases");
    assertThat(cases.path("opened").asLong()).isEqualTo(16);
    assertThat(cases.path("openedByType").toString())
        .isEqualTo("{\"RETURN\":5,\"EXCHANGE\":2,\"WRONG_ITEM\":1,\"MISSING_ITEM\":2,\"OUT_OF_STOCK\":6,"
            + "\"ORDER_EXCEPTION\":0}");
    assertThat(cases.path("openedByChannel").toString()).isEqualTo("{\"KPI-DY\":8,\"KPI-JD\":3,\"KPI-TMALL\":5}");
    // closed in March: C1, C2, C3, C5, C7, S1, S2, S3, S6 and X1, X3 (opened in February); not C9 (April)
    assertThat(cases.path("closed").asLong()).isEqualTo(11);

    // cycle hours 0.5, 8, 10, 12, 12, 24, 30, 35, 48, 50, 240: sum 469.5; nearest rank 10 of 11 is 50
    JsonNode cycle = kpis.path("cycleTime");
    assertThat(cycle.path("averageHours").decimalValue()).isEqualByComparingTo("42.7");
    assertThat(cycle.path("p90Hours").decimalValue()).isEqualByComparingTo("50.0");
    assertThat(cycle.path("goalHours").asInt()).isEqualTo(24);
    assertThat(cycle.path("withinGoal").asLong()).isEqualTo(6); // 24 h exactly (C5) meets the goal
    assertThat(cycle.path("withinGoalRate").decimalValue()).isEqualByComparingTo("0.545");

    // returns and exchanges with a decision: C1, C3, C5 automatic; C2, C4 reviewed; C6 and C10 undecided
    JsonNode auto = kpis.path("autoDecision");
    assertThat(auto.path("decided").asLong()).isEqualTo(5);
    assertThat(auto.path("automatic").asLong()).isEqualTo(3);
    assertThat(auto.path("byAgent").asLong()).isEqualTo(2);
    assertThat(auto.path("rate").decimalValue()).isEqualByComparingTo("0.600");

    // units with a disposition: C1 2 sellable, C2 1 second-hand, C5 3 scrapped, C7 1 sellable; X1's 5 are outside
    JsonNode resale = kpis.path("resale");
    assertThat(resale.path("receivedUnits").asLong()).isEqualTo(7);
    assertThat(resale.path("sellableUnits").asLong()).isEqualTo(3);
    assertThat(resale.path("secondHandUnits").asLong()).isEqualTo(1);
    assertThat(resale.path("scrappedUnits").asLong()).isEqualTo(3);
    assertThat(resale.path("rate").decimalValue()).isEqualByComparingTo("0.571");

    // issued in March: refunds of C1, C2, S2 (not X1's of 29 Feb, not C6's calculated one); coupons of C2, C3
    assertThat(kpis.path("refunds").path("count").asLong()).isEqualTo(3);
    assertThat(kpis.path("refunds").path("amount").decimalValue()).isEqualByComparingTo("347.40");
    assertThat(kpis.path("coupons").path("count").asLong()).isEqualTo(2);
    assertThat(kpis.path("coupons").path("amount").decimalValue()).isEqualByComparingTo("15.50");

    assertThat(rows(kpis.path("pickingErrors"), "warehouseId", "errors", "disputed"))
        .containsExactly(List.of(WH_1, "2", "1"), List.of(WH_2, "1", "0"));

    assertThat(rows(kpis.path("topReturnReasons"), "sku", "channel", "reason", "cases")).containsExactly(
        List.of("SKU-A", TMALL, "QUALITY", "2"),
        List.of("SKU-A", JD, "QUALITY", "1"),
        List.of("SKU-A", TMALL, "NO_REASON", "1"),
        List.of("SKU-B", JD, "NO_REASON", "1"),
        List.of("SKU-C", TMALL, "NO_REASON", "1"),
        List.of("SKU-L01", JD, "NO_REASON", "1"),
        List.of("SKU-L02", JD, "NO_REASON", "1"),
        List.of("SKU-L03", JD, "NO_REASON", "1"),
        List.of("SKU-L04", JD, "NO_REASON", "1"),
        List.of("SKU-L05", JD, "NO_REASON", "1"));

    // C2, C4, C8 escalated (X1 too, but it was opened in February): 3 of 16
    assertThat(kpis.path("slaBreaches").path("escalated").asLong()).isEqualTo(3);
    assertThat(kpis.path("slaBreaches").path("rate").decimalValue()).isEqualByComparingTo("0.188");

    // waits 6, 48, 12, 24, 10 hours and S4's, still running at generatedAt
    JsonNode outOfStock = kpis.path("outOfStock");
    assertThat(outOfStock.path("reported").asLong()).isEqualTo(6);
    assertThat(outOfStock.path("shipped").asLong()).isEqualTo(1);
    assertThat(outOfStock.path("cancelled").asLong()).isEqualTo(2);
    assertThat(outOfStock.path("substituted").asLong()).isEqualTo(1);
    assertThat(outOfStock.path("open").asLong()).isEqualTo(2);
    long s4Millis = Duration.between(shanghai("2024-03-25T10:00"), generatedAt).toMillis();
    assertThat(outOfStock.path("averageWaitHours").decimalValue())
        .isEqualByComparingTo(hours(Duration.ofHours(100).toMillis() + s4Millis, 6));
    assertThat(outOfStock.path("p90WaitHours").decimalValue()).isEqualByComparingTo(hours(s4Millis, 1));
    assertThat(outOfStock.path("maxWaitHours").decimalValue()).isEqualByComparingTo(hours(s4Millis, 1));
  }

  @Test
  void exceptionOrdersAreCountedByTypeWithTheirTimeToResolve() {
    exception("e1", "BLACKLISTED_CUSTOMER", "2024-05-02T02:00", "released_at", "2024-05-02T04:00", false);
    exception("e2", "BLACKLISTED_CUSTOMER", "2024-05-03T02:00", "cancelled_at", "2024-05-03T08:00", true);
    exception("e3", "PAYMENT_FAILED", "2024-05-04T02:00", "cancelled_at", "2024-05-05T02:00", false);
    exception("e4", "ADDRESS_INCOMPLETE", "2024-05-05T02:00", null, null, false);
    exception("e5", "PAYMENT_FAILED", "2024-06-01T02:00", "released_at", "2024-06-01T03:00", false); // June

    JsonNode exceptions = get(TestUser.OWNER, ApiPaths.KPIS + "?from=2024-05-01&to=2024-05-31").body()
        .path("exceptionOrders");

    // resolved in 2, 6 and 24 hours: average 10.7; nearest rank 3 of 3 is 24
    assertThat(exceptions.path("reported").asLong()).isEqualTo(4);
    assertThat(exceptions.path("released").asLong()).isEqualTo(1);
    assertThat(exceptions.path("cancelled").asLong()).isEqualTo(2);
    assertThat(exceptions.path("open").asLong()).isEqualTo(1);
    assertThat(exceptions.path("escalated").asLong()).isEqualTo(1);
    assertThat(exceptions.path("averageResolveHours").decimalValue()).isEqualByComparingTo("10.7");
    assertThat(exceptions.path("p90ResolveHours").decimalValue()).isEqualByComparingTo("24.0");
    JsonNode byType = exceptions.path("byType");
    assertThat(names(byType)).containsExactly("ADDRESS_INCOMPLETE", "BLACKLISTED_CUSTOMER", "PAYMENT_FAILED");
    assertThat(byType.path("BLACKLISTED_CUSTOMER").path("reported").asLong()).isEqualTo(2);
    assertThat(byType.path("BLACKLISTED_CUSTOMER").path("released").asLong()).isEqualTo(1);
    assertThat(byType.path("BLACKLISTED_CUSTOMER").path("cancelled").asLong()).isEqualTo(1);
    assertThat(byType.path("BLACKLISTED_CUSTOMER").path("averageResolveHours").decimalValue()).isEqualByComparingTo("4.0");
    assertThat(byType.path("PAYMENT_FAILED").path("p90ResolveHours").decimalValue()).isEqualByComparingTo("24.0");
    assertThat(byType.path("ADDRESS_INCOMPLETE").path("open").asLong()).isEqualTo(1);
    assertThat(byType.path("ADDRESS_INCOMPLETE").path("averageResolveHours").isNull()).isTrue();
  }

  /** An ORDER_EXCEPTION case reported at {@code at}, resolved ({@code how} = released_at or cancelled_at) or open. */
  private void exception(String name, String type, String at, String how, String resolvedAt, boolean escalated) {
    Case c = aCase(name, "ORDER_EXCEPTION", DOUYIN, at);
    jdbc.sql("""
            INSERT INTO case_order_exception (case_id, order_id, exception_type, order_amount, escalated_at)
            VALUES (:id, :id, :type, 99.00, :escalated)""")
        .param("id", c.id).param("type", type).param("escalated", escalated ? ts(at) : null).update();
    if (how != null) {
      jdbc.sql("UPDATE case_order_exception SET " + how + " = :at WHERE case_id = :id")
          .param("at", ts(resolvedAt)).param("id", c.id).update();
    }
  }

  @Test
  void numbersAreWrittenWithTheirScale() {
    insertDataSet();

    String json = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
        .baseUrl("http://localhost:" + port).build()
        .get().uri(ApiPaths.KPIS + PERIOD).headers(h -> h.setBasicAuth("test-auditor", "test-auditor-pw"))
        .retrieve().body(String.class);

    assertThat(json).contains("\"averageHours\":42.7,", "\"p90Hours\":50.0,", "\"withinGoalRate\":0.545",
        "\"rate\":0.600", "\"amount\":347.40", "\"amount\":15.50");
  }

  @Test
  void theDailySeriesAddsUpToThePeriodsFigures() {
    insertDataSet();

    JsonNode kpis = get(TestUser.OWNER, ApiPaths.KPIS + PERIOD).body();
    Answer answer = get(TestUser.AUDITOR, ApiPaths.KPI_SERIES + PERIOD);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode series = answer.body();
    assertThat(series.path("zone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(series.path("cycleGoalHours").asInt()).isEqualTo(24);
    JsonNode days = series.path("days");
    assertThat(days).hasSize(31);
    assertThat(days.get(0).path("date").asText()).isEqualTo("2024-03-01");
    assertThat(days.get(30).path("date").asText()).isEqualTo("2024-03-31");
    assertThat(sum(days, "opened")).isEqualTo(kpis.path("cases").path("opened").decimalValue());
    assertThat(sum(days, "closed")).isEqualTo(kpis.path("cases").path("closed").decimalValue());
    assertThat(sum(days, "decided")).isEqualTo(kpis.path("autoDecision").path("decided").decimalValue());
    assertThat(sum(days, "automatic")).isEqualTo(kpis.path("autoDecision").path("automatic").decimalValue());
    assertThat(sum(days, "receivedUnits")).isEqualTo(kpis.path("resale").path("receivedUnits").decimalValue());
    assertThat(sum(days, "escalated")).isEqualTo(kpis.path("slaBreaches").path("escalated").decimalValue());
    assertThat(sum(days, "refunds")).isEqualByComparingTo(kpis.path("refunds").path("amount").decimalValue());
    assertThat(sum(days, "coupons")).isEqualByComparingTo(kpis.path("coupons").path("amount").decimalValue());
    long pickingErrors = 0;
    for (JsonNode warehouse : kpis.path("pickingErrors")) {
      pickingErrors += warehouse.path("errors").asLong();
    }
    assertThat(sum(days, "pickingErrors")).isEqualTo(BigDecimal.valueOf(pickingErrors));
    // 5 March: C2 opened (a reviewed quality return, escalated; its line came back second-hand); S2, opened on
    // 3 March, closed after 50 hours with a refund of 59.90
    JsonNode march5 = days.get(4);
    assertThat(march5.path("opened").asLong()).isEqualTo(1);
    assertThat(march5.path("decided").asLong()).isEqualTo(1);
    assertThat(march5.path("autoDecisionRate").decimalValue()).isEqualByComparingTo("0.000");
    assertThat(march5.path("escalated").asLong()).isEqualTo(1);
    assertThat(march5.path("closed").asLong()).isEqualTo(1);
    assertThat(march5.path("cycleAverageHours").decimalValue()).isEqualByComparingTo("50.0");
    assertThat(march5.path("withinGoalRate").decimalValue()).isEqualByComparingTo("0.000");
    assertThat(march5.path("resaleRate").decimalValue()).isEqualByComparingTo("1.000");
    assertThat(march5.path("refunds").decimalValue()).isEqualByComparingTo("59.90");
    for (JsonNode day : days) {
      assertThat(day.path("cycleAverageHours").isNull()).as("no average on a day nothing closed: " + day)
          .isEqualTo(day.path("closed").asLong() == 0);
    }
  }

  @Test
  void theReportAndTheSeriesComeAsCsvOnRequest() {
    insertDataSet();

    Answer byParameter = get(TestUser.OWNER, ApiPaths.KPIS + PERIOD + "&format=csv");
    String byAccept = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
        .baseUrl("http://localhost:" + port).build()
        .get().uri(ApiPaths.KPI_SERIES + PERIOD).accept(MediaType.valueOf("text/csv"))
        .headers(h -> h.setBasicAuth("test-owner", "test-owner-pw")).retrieve().body(String.class);
    Answer badFormat = get(TestUser.OWNER, ApiPaths.KPIS + PERIOD + "&format=xml");
    Answer badPeriod = get(TestUser.OWNER, ApiPaths.KPI_SERIES + "?from=2024-03-01&to=2026-03-01&format=csv");

    assertThat(byParameter.status()).isEqualTo(200);
    assertThat(byParameter.contentType()).startsWith("text/csv");
    assertThat(byParameter.headers().getFirst("Content-Disposition")).contains("kpis-2024-03-01-2024-03-31.csv");
    assertThat(byParameter.body().asText()).startsWith("figure,value\r\n")
        .contains("cycleTime.p90Hours,50.0\r\n", "autoDecision.rate,0.600\r\n", "refunds.amount,347.40\r\n",
            "pickingErrors[0].warehouseId,KPI-WH-1\r\n");
    List<String> lines = byAccept.lines().toList();
    assertThat(lines).hasSize(32);
    assertThat(lines.getFirst()).startsWith("date,opened,closed,cycleAverageHours,cycleP90Hours,withinGoalRate,");
    assertThat(lines.get(5)).isEqualTo("2024-03-05,1,1,50.0,50.0,0.000,1,0,0.000,1,1.000,1,0,59.90,0.00");
    assertThat(errorFields(badFormat)).containsExactly("format");
    assertThat(errorFields(badPeriod)).as("more than 366 days").containsExactly("to");
  }

  private static BigDecimal sum(JsonNode days, String figure) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode day : days) {
      sum = sum.add(day.path(figure).decimalValue());
    }
    return sum;
  }

  @Test
  void aPeriodWithoutCasesHasZerosAndNullRates() {
    JsonNode kpis = get(TestUser.AGENT, ApiPaths.KPIS + "?from=2024-03-01&to=2024-03-31").body();

    assertThat(kpis.path("cases").path("opened").asLong()).isZero();
    assertThat(kpis.path("cases").path("openedByType").path("RETURN").asLong()).isZero();
    assertThat(kpis.path("cases").path("openedByChannel").isEmpty()).isTrue();
    assertThat(kpis.path("cycleTime").path("averageHours").isNull()).isTrue();
    assertThat(kpis.path("cycleTime").path("withinGoalRate").isNull()).isTrue();
    assertThat(kpis.path("autoDecision").path("rate").isNull()).isTrue();
    assertThat(kpis.path("resale").path("rate").isNull()).isTrue();
    assertThat(kpis.path("refunds").path("amount").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(kpis.path("pickingErrors").isEmpty()).isTrue();
    assertThat(kpis.path("topReturnReasons").isEmpty()).isTrue();
    assertThat(kpis.path("slaBreaches").path("rate").isNull()).isTrue();
    assertThat(kpis.path("outOfStock").path("maxWaitHours").isNull()).isTrue();
  }

  @Test
  void theDefaultPeriodIsTheLast30DaysUpToToday() {
    JsonNode kpis = get(TestUser.AUDITOR, ApiPaths.KPIS).body();
    LocalDate today = LocalDate.ofInstant(Instant.parse(kpis.path("generatedAt").asText()), BusinessCalendar.ZONE);
    JsonNode onlyTo = get(TestUser.AUDITOR, ApiPaths.KPIS + "?to=2024-03-31").body();
    JsonNode onlyFrom = get(TestUser.AUDITOR, ApiPaths.KPIS + "?from=" + today.minusDays(5) + "&to=").body();

    assertThat(kpis.path("to").asText()).isEqualTo(today.toString());
    assertThat(kpis.path("from").asText()).isEqualTo(today.minusDays(29).toString());
    assertThat(onlyTo.path("from").asText()).isEqualTo("2024-03-02");
    assertThat(onlyTo.path("to").asText()).isEqualTo("2024-03-31");
    assertThat(onlyFrom.path("from").asText()).isEqualTo(today.minusDays(5).toString());
    assertThat(onlyFrom.path("to").asText()).as("blank: the default").isEqualTo(today.toString());
  }

  @Test
  void badDatesAre400ProblemsNamingEachBadField() {
    Map<String, List<String>> expected = Map.of(
        "?from=2024-13-01&to=2024-03-31", List.of("from"),
        "?from=yesterday&to=31.03.2024", List.of("from", "to"),
        "?from=2024-03-31&to=2024-03-01", List.of("to"),
        "?from=2023-03-01&to=2024-03-01", List.of("to"), // 367 days
        "?from=" + LocalDate.now(BusinessCalendar.ZONE).plusDays(2), List.of("from")); // after today, to's default

    expected.forEach((query, fields) -> {
      Answer answer = get(TestUser.OWNER, ApiPaths.KPIS + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.contentType()).as(query).isEqualTo("application/problem+json");
      assertThat(answer.body().path("title").asText()).as(query).isEqualTo("Invalid request");
      assertThat(errorFields(answer)).as(query).isEqualTo(fields);
      assertThat(answer.body().path("detail").asText()).as(query).contains(fields);
    });
    Answer leapYear = get(TestUser.OWNER, ApiPaths.KPIS + "?from=2024-01-01&to=2024-12-31"); // 366 days
    assertThat(leapYear.status()).isEqualTo(200);
  }

  @Test
  void ownersAuditorsAndAgentsMayReadItNobodyElse() {
    for (TestUser reader : List.of(TestUser.OWNER, TestUser.AUDITOR, TestUser.AGENT)) {
      assertThat(get(reader, ApiPaths.KPIS + PERIOD).status()).as(reader.name()).isEqualTo(200);
    }
    for (TestUser other : List.of(TestUser.CHANNEL, TestUser.WAREHOUSE)) {
      Answer refused = get(other, ApiPaths.KPIS + PERIOD);
      assertThat(refused.status()).as(other.name()).isEqualTo(403);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }
    assertThat(call(null, HttpMethod.GET, ApiPaths.KPIS + PERIOD, null).status()).isEqualTo(401);
    assertThat(call(TestUser.OWNER, HttpMethod.POST, ApiPaths.KPIS, "{}").status()).isEqualTo(403);
  }

  // ---- the data set (times in Asia/Shanghai) --------------------------------------------------

  /**
   * Opened in March: C1–C10 (returns, exchanges, mis-sent items) and S1–S6 (shortages). Outside:
   * X1 (29 Feb 23:00, closed in March), X2 (1 Apr 03:00 = 31 Mar 19:00 UTC), X3 (20 Feb, closed 1 Mar: 10 days).
   */
  private void insertDataSet() {
    Case c1 = aCase("c1", "RETURN", TMALL, "2024-03-01T02:00").decision("AUTO_APPROVE").reason("NO_REASON")
        .closed("REFUNDED", "2024-03-01T14:00");
    line(c1, 0, "SKU-A", 2, "SELLABLE");
    refund(c1, "199.00", "2024-03-01T14:00");

    Case c2 = aCase("c2", "RETURN", TMALL, "2024-03-05T10:00").decision("EVIDENCE_REVIEW").reason("QUALITY")
        .escalated().closed("REFUNDED", "2024-03-07T10:00");
    line(c2, 0, "SKU-A", 1, "SECOND_HAND");
    refund(c2, "88.50", "2024-03-07T10:00");
    coupon(c2, "5.50", "2024-03-07T10:00");

    Case c3 = aCase("c3", "RETURN", JD, "2024-03-06T09:00").decision("AUTO_REJECT").statedReason("NO_REASON")
        .closed("REJECTED", "2024-03-06T09:30");
    line(c3, 0, "SKU-B", 1, null);
    coupon(c3, "10.00", "2024-03-06T09:30");

    Case c4 = aCase("c4", "EXCHANGE", JD, "2024-03-10T08:00").decision("EVIDENCE_REVIEW").reason("QUALITY")
        .escalated().status("UNDER_REVIEW");
    line(c4, 0, "SKU-A", 1, null);

    Case c5 = aCase("c5", "EXCHANGE", TMALL, "2024-03-11T08:00").decision("AUTO_APPROVE").reason("NO_REASON")
        .closed("EXCHANGED", "2024-03-12T08:00");
    line(c5, 0, "SKU-C", 3, "SCRAP");

    Case c6 = aCase("c6", "RETURN", TMALL, "2024-03-12T12:00").statedReason("QUALITY");
    line(c6, 0, "SKU-A", 1, null);
    refund(c6, "50.00", null); // calculated, not issued

    Case c7 = aCase("c7", "WRONG_ITEM", DOUYIN, "2024-03-15T10:00").reason("WRONG_ITEM")
        .closed("RESHIPPED", "2024-03-16T16:00");
    line(c7, 0, "SKU-D", 1, "SELLABLE");
    pickingError(c7, WH_1, "CONFIRMED", "2024-03-15T11:00");

    Case c8 = aCase("c8", "MISSING_ITEM", DOUYIN, "2024-03-20T10:00").reason("MISSING_ITEM").escalated();
    pickingError(c8, WH_1, "UPHELD", "2024-03-20T11:00"); // disputed, upheld by the dispute review: counts

    Case c9 = aCase("c9", "MISSING_ITEM", TMALL, "2024-03-21T10:00").reason("MISSING_ITEM")
        .closed("RESHIPPED", "2024-04-02T10:00");
    pickingError(c9, WH_2, "CONFIRMED", "2024-03-21T11:00");

    Case c10 = aCase("c10", "RETURN", JD, "2024-03-28T10:00").reason("NO_REASON"); // ten skus: the top 10 cuts
    for (int i = 1; i <= 10; i++) {
      line(c10, i - 1, "SKU-L%02d".formatted(i), 1, null);
    }

    shortage("s1", "2024-03-02T10:00", "2024-03-02T16:00", "SHIPPED", "2024-03-02T18:00");
    Case s2 = shortage("s2", "2024-03-03T10:00", "2024-03-05T10:00", "CANCELLED", "2024-03-05T12:00");
    refund(s2, "59.90", "2024-03-05T12:00");
    shortage("s3", "2024-03-04T10:00", "2024-03-04T22:00", "SUBSTITUTED", "2024-03-04T22:00");
    shortage("s4", "2024-03-25T10:00", null, "WAITING_FOR_STOCK", null);
    shortage("s5", "2024-03-26T10:00", "2024-03-27T10:00", "WAITING_FOR_STOCK", null); // stock allocated
    shortage("s6", "2024-03-07T10:00", null, "CANCELLED", "2024-03-07T20:00"); // the close ends the wait
    shortage("s7", "2024-04-01T00:30", null, "WAITING_FOR_STOCK", null); // outside

    Case x1 = aCase("x1", "RETURN", TMALL, "2024-02-29T23:00").decision("AUTO_APPROVE").reason("QUALITY")
        .escalated().closed("REFUNDED", "2024-03-02T10:00");
    line(x1, 0, "SKU-A", 5, "SELLABLE");
    refund(x1, "1000.00", "2024-02-29T23:30");

    Case x2 = aCase("x2", "WRONG_ITEM", JD, "2024-04-01T03:00").reason("WRONG_ITEM");
    line(x2, 0, "SKU-A", 1, "SELLABLE");
    coupon(x2, "20.00", "2024-04-01T03:30");
    pickingError(x2, WH_2, "DISPUTED", "2024-04-01T03:10");

    aCase("x3", "RETURN", JD, "2024-02-20T10:00").decision("AUTO_APPROVE").reason("NO_REASON")
        .closed("CLOSED", "2024-03-01T10:00");
  }

  /** A row of after_sales_case, written at once and updated by each call. */
  private final class Case {
    final String id;

    Case(String id) {
      this.id = id;
    }

    Case decision(String decision) {
      return set("decision", decision);
    }

    Case reason(String reason) {
      return set("reason", reason).set("stated_reason", reason);
    }

    Case statedReason(String reason) {
      return set("stated_reason", reason);
    }

    Case escalated() {
      return set("escalated", true);
    }

    Case status(String status) {
      return set("status", status);
    }

    Case closed(String status, String at) {
      return status(status).set("closed_at", ts(at));
    }

    private Case set(String column, Object value) {
      jdbc.sql("UPDATE after_sales_case SET " + column + " = :value WHERE id = :id")
          .param("value", value).param("id", id).update();
      return this;
    }
  }

  private Case aCase(String name, String type, String channel, String requestedAt) {
    String id = ID_PREFIX + name;
    jdbc.sql("""
            INSERT INTO after_sales_case (id, version, type, status, channel, channel_request_id, order_id,
                customer_id, requested_at, payment_id, payment_method, freight_insurance, process_instance_key,
                created_at, updated_at)
            VALUES (:id, 1, :type, 'OPEN', :channel, :id, :id, :customer, :at, :id, 'ALIPAY', FALSE, :instance,
                :at, :at)""")
        .param("id", id).param("type", type).param("channel", channel).param("customer", id + "-customer")
        .param("at", ts(requestedAt)).param("instance", 1L << 52 | name.hashCode() & 0xffffL)
        .update();
    return new Case(id);
  }

  private void line(Case c, int lineNo, String sku, int quantity, String disposition) {
    jdbc.sql("""
            INSERT INTO case_line (case_id, line_no, sku, quantity, grade, disposition)
            VALUES (:id, :lineNo, :sku, :quantity, :grade, :disposition)""")
        .param("id", c.id).param("lineNo", lineNo).param("sku", sku).param("quantity", quantity)
        .param("grade", disposition == null ? null : "NEW").param("disposition", disposition)
        .update();
  }

  private void refund(Case c, String amount, String issuedAt) {
    jdbc.sql("""
            INSERT INTO case_refund (case_id, lines_amount, gift_deduction, agent_deduction, freight_credit, amount,
                status, idempotency_key, installment_reversed, issued_at)
            VALUES (:id, :amount, 0, 0, 0, :amount, :status, :key, FALSE, :issuedAt)""")
        .param("id", c.id).param("amount", new BigDecimal(amount))
        .param("status", issuedAt == null ? "CALCULATED" : "ISSUED").param("key", c.id + ":refund")
        .param("issuedAt", issuedAt == null ? null : ts(issuedAt))
        .update();
  }

  private void coupon(Case c, String amount, String issuedAt) {
    jdbc.sql("""
            INSERT INTO case_coupon (case_id, amount, threshold, reason, idempotency_key, coupon_id, issued_at)
            VALUES (:id, :amount, 0, 'compensation', :key, :key, :issuedAt)""")
        .param("id", c.id).param("amount", new BigDecimal(amount)).param("key", c.id + ":coupon")
        .param("issuedAt", ts(issuedAt))
        .update();
  }

  private void pickingError(Case c, String warehouseId, String status, String reportedAt) {
    jdbc.sql("""
            INSERT INTO picking_error (case_id, warehouse_id, sku, status, idempotency_key, reported_at)
            VALUES (:id, :warehouse, 'SKU-X', :status, :key, :at)""")
        .param("id", c.id).param("warehouse", warehouseId).param("status", status)
        .param("key", c.id + ":picking-error").param("at", ts(reportedAt))
        .update();
  }

  /** An OUT_OF_STOCK case of Douyin opened when its line was reported short. */
  private Case shortage(String name, String reportedAt, String waitEndedAt, String status, String closedAt) {
    Case c = aCase(name, "OUT_OF_STOCK", DOUYIN, reportedAt).reason("OUT_OF_STOCK").status(status);
    if (closedAt != null) {
      c.closed(status, closedAt);
    }
    jdbc.sql("""
            INSERT INTO case_shortage (case_id, order_line_key, order_id, sku, quantity, reported_at, wait_ended_at)
            VALUES (:id, :key, :id, 'SKU-S', 1, :reportedAt, :waitEndedAt)""")
        .param("id", c.id).param("key", c.id + ":SKU-S").param("reportedAt", ts(reportedAt))
        .param("waitEndedAt", waitEndedAt == null ? null : ts(waitEndedAt))
        .update();
    return c;
  }

  private static Instant shanghai(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BusinessCalendar.ZONE).toInstant();
  }

  private static Timestamp ts(String shanghaiTime) {
    return Timestamp.from(shanghai(shanghaiTime));
  }

  /** Hours with one decimal of {@code count} durations adding up to {@code millis}: the average. */
  private static BigDecimal hours(long millis, int count) {
    return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(count * 3_600_000L), 1, RoundingMode.HALF_UP);
  }

  private static List<List<String>> rows(JsonNode array, String... fields) {
    List<List<String>> rows = new ArrayList<>();
    array.forEach(row -> {
      List<String> values = new ArrayList<>();
      for (String field : fields) {
        values.add(row.path(field).asText());
      }
      rows.add(values);
    });
    return rows;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
