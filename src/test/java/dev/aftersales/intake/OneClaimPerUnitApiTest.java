package dev.aftersales.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.web.ApiPaths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each unit of an order line is claimed once across all the order's cases (docs/security.md): a new
 * channel request id does not make the same units claimable again, and two requests for the last unit
 * at the same moment open one case. The stubbed order has SKU-A ×2 and SKU-B ×1.
 */
class OneClaimPerUnitApiTest extends ApiTest {

  private static final Instant SIGNED = Instant.now().minus(2, ChronoUnit.DAYS);

  @Autowired JdbcClient jdbc;

  @Test
  void quantitiesThatWouldOverflowAnIntAreRefusedInsteadOfSummingNegative() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    // 1 + 2147483647 wrapped round to a negative sum that passed "at most the 2 ordered"
    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId, "EXCHANGE",
        "{\"sku\":\"SKU-A\",\"quantity\":1,\"exchangeSku\":\"SKU-A-XL\"},"
            + "{\"sku\":\"SKU-A\",\"quantity\":2147483647,\"exchangeSku\":\"SKU-A-XL\"}"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(errorFields(answer)).contains("lines[1].quantity", "lines[1].sku");
    assertThat(casesOf(orderId)).isZero();
  }

  @Test
  void unitsClaimedByAnEarlierCaseOfTheOrderAreRefused422NamingTheLine() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    Answer returned = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
        request(newId("R"), orderId, "RETURN", "{\"sku\":\"SKU-A\",\"quantity\":2}"));
    // a new channel request id, another type: the same two units
    Answer exchanged = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId, "EXCHANGE",
        "{\"sku\":\"SKU-B\",\"quantity\":1,\"exchangeSku\":\"SKU-B-RED\"},"
            + "{\"sku\":\"SKU-A\",\"quantity\":1,\"exchangeSku\":\"SKU-A-XL\"}"));
    Answer missing = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
        request(newId("R"), orderId, "MISSING_ITEM", "{\"sku\":\"SKU-A\",\"quantity\":1}"));

    assertThat(returned.status()).isEqualTo(201);
    for (Answer refused : List.of(exchanged, missing)) {
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }
    assertThat(errorFields(exchanged)).containsExactly("lines[1].quantity");
    assertThat(exchanged.body().path("detail").asText()).contains("SKU-A", "claimed by earlier cases", "0 left");
    assertThat(errorFields(missing)).containsExactly("lines[0].quantity");
    assertThat(casesOf(orderId)).isOne();

    // what is left unclaimed can still be claimed
    Answer rest = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
        request(newId("R"), orderId, "RETURN", "{\"sku\":\"SKU-B\",\"quantity\":1}"));
    assertThat(rest.status()).isEqualTo(201);
    assertThat(casesOf(orderId)).isEqualTo(2);
  }

  @Test
  void aRequestOnAnotherChannelThanTheOrdersIsRefused422NamingTheChannel() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false); // sold on TMALL

    // test-channel acts for JD too, but this order is TMALL's: the case would be readable by JD's users
    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS,
        request(newId("R"), orderId, "RETURN", "{\"sku\":\"SKU-B\",\"quantity\":1}").replace("TMALL", "JD"));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(errorFields(answer)).containsExactly("channel");
    assertThat(casesOf(orderId)).isZero();
  }

  @Test
  void twoRequestsForTheLastUnitAtTheSameMomentOpenOneCase() throws Exception {
    String orderId = newId("O");
    // OMS answers slowly, so both requests pass every check before either stores its case
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false, Duration.ofMillis(1500));
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Answer>> requests = new ArrayList<>();
    // Own threads: the common pool may have a single thread on a small machine, and the barrier needs two.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 2; i++) {
      String body = request(newId("R"), orderId, "RETURN", "{\"sku\":\"SKU-B\",\"quantity\":1}");
      requests.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return post(TestUser.CHANNEL, ApiPaths.REQUESTS, body);
      }, threads));
    }
    threads.shutdown();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Answer> request : requests) {
      statuses.add(request.get(60, TimeUnit.SECONDS).status());
    }

    assertThat(statuses).containsExactlyInAnyOrder(201, 422);
    assertThat(casesOf(orderId)).isOne();
  }

  @Test
  void theSameRequestAgainIsStill200WithItsCaseOnceItsUnitsAreClaimed() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    String body = request(newId("R"), orderId, "RETURN", "{\"sku\":\"SKU-B\",\"quantity\":1}");

    Answer first = post(TestUser.CHANNEL, ApiPaths.REQUESTS, body);
    Answer again = post(TestUser.CHANNEL, ApiPaths.REQUESTS, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("caseId")).isEqualTo(first.body().path("caseId"));
  }

  private static String request(String channelRequestId, String orderId, String type, String lines) {
    return """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"%s","reason":"QUALITY",
         "description":"Broken","unopened":false,"lines":[%s]}""".formatted(channelRequestId, orderId, type, lines);
  }

  private long casesOf(String orderId) {
    return jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE order_id = :orderId")
        .param("orderId", orderId).query(Long.class).single();
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
