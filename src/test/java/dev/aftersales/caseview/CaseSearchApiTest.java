package dev.aftersales.caseview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.workers.TestCases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** {@code GET /api/after-sales/cases}: filters, newest first, pages, channel binding, masking and bad input. */
class CaseSearchApiTest extends ApiTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired CaseRepository cases;

  @Test
  void findsACustomersCasesNewestFirstOnePageAtATime() {
    String customer = "C-" + UUID.randomUUID();
    Instant now = Instant.now();
    String oldest = save(customer, "TMALL", CaseType.RETURN, now.minus(Duration.ofDays(3)));
    String middle = save(customer, "JD", CaseType.EXCHANGE, now.minus(Duration.ofDays(2)));
    String newest = save(customer, "TMALL", CaseType.RETURN, now.minus(Duration.ofDays(1)));

    Answer first = get(TestUser.AGENT, ApiPaths.CASES + "?customerId=" + customer + "&size=2");
    Answer second = get(TestUser.AGENT, ApiPaths.CASES + "?customerId=" + customer + "&size=2&page=1");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("total").asLong()).isEqualTo(3);
    assertThat(first.body().path("page").asInt()).isZero();
    assertThat(first.body().path("size").asInt()).isEqualTo(2);
    assertThat(ids(first.body())).containsExactly(newest, middle);
    assertThat(ids(second.body())).containsExactly(oldest);
    JsonNode item = first.body().path("items").get(0);
    assertThat(fieldNames(item)).containsExactlyInAnyOrder("caseId", "type", "status", "channel", "orderId",
        "customerId", "reason", "decision", "urgent", "escalated", "refundAmount", "requestedAt", "closedAt");
    assertThat(item.path("customerId").asText()).as("an agent sees the customer").isEqualTo(customer);
    assertThat(item.path("status").asText()).isEqualTo("OPEN");
    assertThat(item.path("reason").asText()).isEqualTo("NO_REASON");
  }

  @Test
  void theCasesOfACasesCustomerAreFoundWithoutKnowingTheCustomer() {
    String customer = "C-" + UUID.randomUUID();
    Instant now = Instant.now();
    String earlier = save(customer, "TMALL", CaseType.RETURN, now.minus(Duration.ofDays(40)));
    String current = save(customer, "TMALL", CaseType.EXCHANGE, now);
    String otherChannel = save(customer, "OWN_SITE", CaseType.RETURN, now);

    Answer auditor = get(TestUser.AUDITOR, ApiPaths.CASES + "?customerOfCase=" + current);
    Answer channel = get(TestUser.CHANNEL, ApiPaths.CASES + "?customerOfCase=" + current);
    Answer anotherChannelsCase = get(TestUser.OTHER_CHANNEL, ApiPaths.CASES + "?customerOfCase=" + current);

    assertThat(ids(auditor.body())).containsExactlyInAnyOrder(current, otherChannel, earlier);
    assertThat(auditor.body().path("items").get(0).path("customerId").asText()).isEqualTo(PersonalData.MASK);
    assertThat(ids(channel.body())).containsExactly(current, earlier);
    assertThat(anotherChannelsCase.status()).isEqualTo(404);
  }

  @Test
  void filtersCombineByOrderChannelTypeStatusAndRequestDay() {
    String customer = "C-" + UUID.randomUUID();
    Instant now = Instant.now();
    String tmallReturn = save(customer, "TMALL", CaseType.RETURN, now.minus(Duration.ofDays(10)));
    save(customer, "JD", CaseType.RETURN, now.minus(Duration.ofDays(10)));
    save(customer, "TMALL", CaseType.EXCHANGE, now.minus(Duration.ofDays(10)));
    String recent = save(customer, "TMALL", CaseType.RETURN, now);
    LocalDate tenDaysAgo = LocalDate.ofInstant(now.minus(Duration.ofDays(10)), SHANGHAI);
    String orderId = cases.require(recent).getOrderId();

    Answer byFilters = get(TestUser.AUDITOR, ApiPaths.CASES + "?customerId=" + customer
        + "&channel=TMALL&type=RETURN&status=OPEN&from=" + tenDaysAgo + "&to=" + tenDaysAgo);
    Answer byOrder = get(TestUser.AUDITOR, ApiPaths.CASES + "?orderId=" + orderId);

    assertThat(ids(byFilters.body())).containsExactly(tmallReturn);
    assertThat(ids(byOrder.body())).containsExactly(recent);
    assertThat(byOrder.body().path("items").get(0).path("customerId").asText())
        .as("masked for an auditor, as in the case view").isEqualTo(PersonalData.MASK);
  }

  @Test
  void aChannelUserFindsOnlyItsChannelsCasesAndMayNotAskForAnother() {
    String customer = "C-" + UUID.randomUUID();
    save(customer, "TMALL", CaseType.RETURN, Instant.now());
    String ownSite = save(customer, "OWN_SITE", CaseType.RETURN, Instant.now());

    Answer tmallUser = get(TestUser.CHANNEL, ApiPaths.CASES + "?customerId=" + customer);
    Answer ownSiteUser = get(TestUser.OTHER_CHANNEL, ApiPaths.CASES + "?customerId=" + customer);
    Answer askingForTmall = get(TestUser.OTHER_CHANNEL, ApiPaths.CASES + "?channel=TMALL");

    assertThat(tmallUser.body().path("total").asLong()).isEqualTo(1);
    assertThat(tmallUser.body().path("items").get(0).path("channel").asText()).isEqualTo("TMALL");
    assertThat(ids(ownSiteUser.body())).containsExactly(ownSite);
    assertThat(ownSiteUser.body().path("items").get(0).path("customerId").asText()).isEqualTo(PersonalData.MASK);
    assertThat(askingForTmall.status()).isEqualTo(403);
    assertThat(askingForTmall.contentType()).isEqualTo("application/problem+json");
    assertThat(askingForTmall.body().path("errors").get(0).path("field").asText()).isEqualTo("channel");
  }

  @Test
  void badParametersAreEachNamedInOne400() {
    Answer answer = get(TestUser.AGENT, ApiPaths.CASES
        + "?type=PARCEL&status=LOST&from=yesterday&to=2026-01-01&page=-1&size=1000&orderId=" + "x".repeat(101));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(answer)).containsExactlyInAnyOrder("from", "orderId", "page", "size", "status", "type");
    Answer reversed = get(TestUser.AGENT, ApiPaths.CASES + "?from=2026-02-01&to=2026-01-01");
    assertThat(errorFields(reversed)).containsExactly("to");
  }

  @Test
  void warehouseAndAnonymousMayNotSearch() {
    assertThat(get(TestUser.WAREHOUSE, ApiPaths.CASES).status()).isEqualTo(403);
    assertThat(call(null, HttpMethod.GET, ApiPaths.CASES, null).status()).isEqualTo(401);
  }

  private String save(String customer, String channel, CaseType type, Instant requestedAt) {
    AfterSalesCase template = TestCases.aReturn().build();
    AfterSalesCase.OrderFacts order = new AfterSalesCase.OrderFacts(customer, requestedAt.minus(Duration.ofDays(5)),
        requestedAt.minus(Duration.ofDays(3)), null, "PAY-" + UUID.randomUUID(), PaymentMethod.ALIPAY, null, false,
        "WH-SH-01", TestCases.DRESS_ORDER);
    AfterSalesCase c = AfterSalesCase.open(type, channel, "REQ-" + UUID.randomUUID(), "O-" + UUID.randomUUID(),
        Reason.NO_REASON, template.getDescription(), true,
        List.of(ReturnLine.requested("DRESS-M", 1, type == CaseType.EXCHANGE ? "DRESS-L" : null)), List.of(), order,
        requestedAt);
    cases.save(c);
    return c.getId();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("caseId").asText()));
    return ids;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
