package dev.aftersales.outofstock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Shortage;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/orders/{orderId}/shortages}: one case per order line, a clear answer for bad reports. */
class ShortageApiTest extends ApiTest {

  @Autowired CaseRepository cases;
  @Autowired ShortageRepository shortages;
  @Autowired JdbcTemplate jdbc;

  @Test
  void reportingTheSameOrderLineAgainAnswersWithTheCaseItOpened() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 2);
    ShortageOrders.stockArrivesIn(sku, 10);
    String body = "{\"sku\":\"%s\",\"quantity\":2}".formatted(sku);

    Answer first = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages", body);
    Answer again = post(TestUser.CHANNEL, "/api/orders/" + orderId + "/shortages", body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.headers().getLocation()).hasPath("/api/after-sales/cases/" + first.body().path("caseId").asText());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("caseId").asText()).isEqualTo(first.body().path("caseId").asText());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_shortage WHERE order_id = ?", Integer.class, orderId))
        .isEqualTo(1);

    var c = cases.require(first.body().path("caseId").asText());
    assertThat(c.getType()).isEqualTo(CaseType.OUT_OF_STOCK);
    assertThat(c.getChannel()).isEqualTo("DOUYIN");
    assertThat(c.getReason()).isEqualTo(Reason.OUT_OF_STOCK);
    assertThat(c.getDescription()).isEqualTo("2 × Desk lamp (%s) cannot ship from warehouse WH-SH".formatted(sku));
    Shortage shortage = shortages.require(c.getId());
    assertThat(shortage.orderLineKey()).isEqualTo(orderId + ":" + sku);
    assertThat(shortage.warehouseId()).isEqualTo("WH-SH");
    awaitCase(c.getId(), "started", started -> started.getProcessInstanceKey() != null);
  }

  @Test
  void twoReportsOfTheSameLineAtTheSameMomentOpenOneCase() throws Exception {
    String sku = ShortageOrders.uniqueSku("LAMP");
    // OMS answers slowly, so both reports pass the lookup of a known line before either stores its case.
    String orderId = ShortageOrders.order(sku, 1, Duration.ofMillis(1500));
    ShortageOrders.stockArrivesIn(sku, 10);
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Answer>> reports = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      reports.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
            "{\"sku\":\"%s\",\"quantity\":1}".formatted(sku));
      }));
    }
    List<Answer> answers = new ArrayList<>();
    for (CompletableFuture<Answer> report : reports) {
      answers.add(report.get());
    }

    assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(201, 200);
    assertThat(answers).extracting(a -> a.body().path("caseId").asText())
        .containsOnly(answers.getFirst().body().path("caseId").asText());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM after_sales_case WHERE order_id = ?", Integer.class, orderId))
        .isEqualTo(1);
  }

  @Test
  void aMissingComponentOfABundleIsAnOrderLineOfItsOwn() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 1);
    ShortageOrders.stockArrivesIn("TEA-CUP", 10);

    Answer bundle = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
        "{\"sku\":\"TEA-CUP\",\"quantity\":1,\"bundleSku\":\"TEA-BOX\"}");
    Answer box = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages", "{\"sku\":\"TEA-BOX\",\"quantity\":1}");

    assertThat(bundle.status()).isEqualTo(201);
    assertThat(box.status()).isEqualTo(201);
    assertThat(box.body().path("caseId").asText()).isNotEqualTo(bundle.body().path("caseId").asText());
    Shortage shortage = shortages.require(bundle.body().path("caseId").asText());
    assertThat(shortage.bundleSku()).isEqualTo("TEA-BOX");
    assertThat(shortage.orderLineKey()).isEqualTo(orderId + ":TEA-BOX/TEA-CUP");
  }

  @Test
  void anInvalidReportNamesEachBadFieldAndStoresNothing() {
    String orderId = ShortageOrders.order(ShortageOrders.uniqueSku("LAMP"), 1);

    Answer answer = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
        "{\"sku\":\"\",\"quantity\":0,\"bundleSku\":\"A/B\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(answer)).containsExactlyInAnyOrder("bundleSku", "quantity", "sku");
    assertNothingStoredFor(orderId);
  }

  @Test
  void aReportThatDoesNotMatchTheOrderIsUnprocessable() {
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 2);
    OmsStubs.unknownOrder("O-UNKNOWN-1");
    String path = "/api/orders/" + orderId + "/shortages";

    assertThat(errorFields(post(TestUser.WAREHOUSE, "/api/orders/O-UNKNOWN-1/shortages",
        "{\"sku\":\"%s\",\"quantity\":1}".formatted(sku)))).containsExactly("orderId");
    assertThat(errorFields(post(TestUser.WAREHOUSE, path, "{\"sku\":\"NOT-ORDERED\",\"quantity\":1}")))
        .containsExactly("sku");
    assertThat(errorFields(post(TestUser.WAREHOUSE, path, "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku))))
        .containsExactly("quantity");
    assertThat(errorFields(post(TestUser.WAREHOUSE, path,
        "{\"sku\":\"TEA-CUP\",\"quantity\":1,\"bundleSku\":\"NO-BUNDLE\"}"))).containsExactly("bundleSku");
    String delivered = "O-DELIVERED-" + sku;
    OmsStubs.order(delivered, Instant.now().minusSeconds(3600), "ALIPAY", false);
    Answer late = post(TestUser.WAREHOUSE, "/api/orders/" + delivered + "/shortages", "{\"sku\":\"SKU-A\",\"quantity\":1}");
    assertThat(errorFields(late)).containsExactly("orderId");
    assertThat(late.body().path("detail").asText()).contains("MISSING_ITEM");
    assertNothingStoredFor(delivered);
    Answer unprocessable = post(TestUser.WAREHOUSE, path, "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku));
    assertThat(unprocessable.status()).isEqualTo(422);
    assertThat(unprocessable.body().path("detail").asText()).isEqualTo("exceeds the 2 ordered of sku " + sku);
    assertNothingStoredFor(orderId);
  }

  @Test
  void onlyTheOrderPlatformAndTheWarehouseReportShortages() {
    String orderId = ShortageOrders.order(ShortageOrders.uniqueSku("LAMP"), 1);
    String body = "{\"sku\":\"TEA-BOX\",\"quantity\":1}";

    assertThat(post(TestUser.AUDITOR, "/api/orders/" + orderId + "/shortages", body).status()).isEqualTo(403);
    assertThat(post(TestUser.AGENT, "/api/orders/" + orderId + "/shortages", body).status()).isEqualTo(403);
    assertThat(post(null, "/api/orders/" + orderId + "/shortages", body).status()).isEqualTo(401);
    assertNothingStoredFor(orderId);
  }

  private void assertNothingStoredFor(String orderId) {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM after_sales_case WHERE order_id = ?", Integer.class, orderId))
        .isZero();
  }
}
