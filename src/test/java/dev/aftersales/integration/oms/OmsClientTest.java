package dev.aftersales.integration.oms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.IntegrationProperties;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The OMS read: the fields of the OMS contract; 404 is an unknown order; every other failure is technical. */
class OmsClientTest {

  private static WireMockServer oms;
  private OmsClient client;

  @BeforeAll
  static void startOms() {
    oms = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    oms.start();
  }

  @AfterAll
  static void stopOms() {
    oms.stop();
  }

  @BeforeEach
  void client() {
    oms.resetAll();
    // Generous: the first call of a cold JVM on a busy machine takes seconds.
    client = client(Duration.ofSeconds(10));
  }

  private static OmsClient client(Duration readTimeout) {
    IntegrationProperties properties = new IntegrationProperties(URI.create("http://localhost:1"),
        Map.of(SurroundingSystem.OMS.key(), URI.create(oms.baseUrl())), Duration.ofSeconds(2), readTimeout);
    return new OmsClient(new RestClients(RestClient.builder(), properties));
  }

  @Test
  void readsTheOrderWithInstantsAndOptionalBarcodes() {
    oms.stubFor(get("/oms/orders/O-1").willReturn(okJson("""
        {"orderId":"O-1","channel":"TMALL","customerId":"C-9","placedAt":"2026-11-01T02:00:00Z",
         "signedAt":"2026-11-03T10:15:30.5Z","promotion":"DOUBLE_11","paymentId":"P-1",
         "paymentMethod":"HUABEI_INSTALLMENT","installmentPlanId":"PLAN-1","freightInsurance":true,
         "warehouseId":"WH-SH","lines":[
           {"sku":"SKU-A","name":"Kettle","quantity":2,"unitPrice":99.50,"paidAmount":189.00,"gift":false,"barcode":"690001"},
           {"sku":"GIFT-1","name":"Mug","quantity":1,"unitPrice":0,"paidAmount":0,"gift":true}]}""")));

    OmsOrder order = client.findOrder("O-1").orElseThrow();

    assertThat(order.customerId()).isEqualTo("C-9");
    assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-11-01T02:00:00Z"));
    assertThat(order.signedAt()).isEqualTo(Instant.parse("2026-11-03T10:15:30.500Z"));
    assertThat(order.paymentMethod()).isEqualTo(PaymentMethod.HUABEI_INSTALLMENT);
    assertThat(order.freightInsurance()).isTrue();
    assertThat(order.lines()).containsExactly(
        new OrderLine("SKU-A", "Kettle", 2, new BigDecimal("99.50"), new BigDecimal("189.00"), false, "690001"),
        new OrderLine("GIFT-1", "Mug", 1, new BigDecimal("0"), new BigDecimal("0"), true, null));
  }

  @Test
  void unsignedOrderHasNoSignedAt() {
    oms.stubFor(get("/oms/orders/O-2").willReturn(okJson("""
        {"orderId":"O-2","customerId":"C-9","placedAt":"2026-11-01T02:00:00Z","paymentId":"P-2",
         "paymentMethod":"ALIPAY","freightInsurance":false,"lines":[]}""")));

    assertThat(client.findOrder("O-2").orElseThrow().signedAt()).isNull();
  }

  @Test
  void notFoundIsAnUnknownOrder() {
    oms.stubFor(get("/oms/orders/O-404").willReturn(notFound()));

    assertThat(client.findOrder("O-404")).isEmpty();
  }

  @Test
  void serverErrorIsTechnical() {
    oms.stubFor(get("/oms/orders/O-503").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client.findOrder("O-503"))
        .isInstanceOf(ExternalSystemException.class)
        .hasMessageContaining("Order platform (OMS)").hasMessageContaining("503");
  }

  @Test
  void timeoutIsTechnical() {
    oms.stubFor(get("/oms/orders/O-slow").willReturn(okJson("{}").withFixedDelay(5_000)));

    assertThatThrownBy(() -> client(Duration.ofSeconds(1)).findOrder("O-slow")).isInstanceOf(ExternalSystemException.class)
        .extracting(e -> ((ExternalSystemException) e).system()).isEqualTo(SurroundingSystem.OMS);
  }

  @Test
  void brokenConnectionIsTechnical() {
    oms.stubFor(get("/oms/orders/O-reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.findOrder("O-reset")).isInstanceOf(ExternalSystemException.class);
  }

  @Test
  void unreachableIsTechnical() {
    IntegrationProperties nowhere = new IntegrationProperties(URI.create("http://localhost:1"), null,
        Duration.ofMillis(500), Duration.ofMillis(500));
    OmsClient unreachable = new OmsClient(new RestClients(RestClient.builder(), nowhere));

    assertThatThrownBy(() -> unreachable.findOrder("O-1")).isInstanceOf(ExternalSystemException.class);
  }

  @Test
  void unreadableAnswerIsTechnical() {
    oms.stubFor(get("/oms/orders/O-bad").willReturn(okJson("{\"paymentMethod\":\"BITCOIN\"}")));

    assertThatThrownBy(() -> client.findOrder("O-bad")).isInstanceOf(ExternalSystemException.class);
    oms.stubFor(get("/oms/orders/O-500").willReturn(serverError()));
    assertThatThrownBy(() -> client.findOrder("O-500")).isInstanceOf(ExternalSystemException.class);
  }
}
