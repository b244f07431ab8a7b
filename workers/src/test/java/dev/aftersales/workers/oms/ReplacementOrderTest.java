package dev.aftersales.workers.oms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.wms.ShipFromAftersalesWarehouseWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The after-sales order of an exchange or a mis-sent item: created once in OMS, shipped once by the after-sales warehouse. */
class ReplacementOrderTest extends IntegrationTest {

  private static final String ORDERS = "/oms/orders";
  private static final String OUTBOUND = "/wms/outbound-orders";
  private static final ActivatedJob REPLACEMENT = job(JobTypes.CREATE_REPLACEMENT_ORDER,
      "ServiceTask_CreateReplacementOrder", Map.of(Headers.ORDER_TYPE, "REPLACEMENT"));
  private static final ActivatedJob RESHIP = job(JobTypes.CREATE_REPLACEMENT_ORDER,
      "ServiceTask_ReshipCorrectItem", Map.of(Headers.ORDER_TYPE, "RESHIP"));
  private static final ActivatedJob SHIP = job(JobTypes.SHIP_FROM_AFTERSALES_WAREHOUSE,
      "ServiceTask_ShipFromAftersalesWarehouse");

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired CreateReplacementOrderWorker createOrder;
  @Autowired ShipFromAftersalesWarehouseWorker ship;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void exchangeReplacementIsOrderedAndShippedOnceEvenWhenTheJobsAreRedelivered() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L").build());
    wireMock().stubFor(post(urlEqualTo(ORDERS)).willReturn(okJson("{\"orderId\":\"AS-1\"}")));
    wireMock().stubFor(post(urlEqualTo(OUTBOUND)).willReturn(okJson("{\"outboundOrderId\":\"OUT-1\"}")));

    assertThat(createOrder.create(REPLACEMENT, c.getId(), null, null).replacementOrderId()).isEqualTo("AS-1");
    assertThat(createOrder.create(REPLACEMENT, c.getId(), null, null).replacementOrderId()).isEqualTo("AS-1");
    assertThat(ship.ship(SHIP, c.getId()).outboundOrderId()).isEqualTo("OUT-1");
    assertThat(ship.ship(SHIP, c.getId()).outboundOrderId()).isEqualTo("OUT-1");

    String orderKey = c.getId() + ":replacement-order";
    wireMock().verify(1, postRequestedFor(urlEqualTo(ORDERS)));
    wireMock().verify(postRequestedFor(urlEqualTo(ORDERS)).withHeader("Idempotency-Key", equalTo(orderKey))
        .withRequestBody(equalToJson("""
            {"type": "REPLACEMENT", "originalOrderId": "%s", "caseId": "%s", "customerId": "%s",
             "lines": [{"sku": "DRESS-L", "quantity": 1}], "idempotencyKey": "%s"}"""
            .formatted(c.getOrderId(), c.getId(), c.getCustomerId(), orderKey))));
    String outboundKey = c.getId() + ":outbound-order";
    wireMock().verify(1, postRequestedFor(urlEqualTo(OUTBOUND)));
    wireMock().verify(postRequestedFor(urlEqualTo(OUTBOUND)).withHeader("Idempotency-Key", equalTo(outboundKey))
        .withRequestBody(equalToJson("""
            {"orderId": "AS-1", "warehouseId": "WH-AFTERSALES", "lines": [{"sku": "DRESS-L", "quantity": 1}],
             "caseId": "%s", "idempotencyKey": "%s"}""".formatted(c.getId(), outboundKey))));
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getReplacementOrderId()).isEqualTo("AS-1");
    assertThat(stored.getOutboundOrderId()).isEqualTo("OUT-1");
    assertThat(timeline.of(c.getId())).filteredOn(e -> e.kind() == TimelineKind.EXTERNAL_CALL)
        .extracting(e -> e.details().get("idempotencyKey")).containsExactly(orderKey, outboundKey);
  }

  @Test
  void aMisSentItemIsReshippedAsTheOrderedSku() {
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SOCKS-RED").build());
    wireMock().stubFor(post(urlEqualTo(ORDERS)).willReturn(okJson("{\"orderId\":\"AS-2\"}")));

    createOrder.create(RESHIP, c.getId(), null, null);

    wireMock().verify(1, postRequestedFor(urlEqualTo(ORDERS)).withRequestBody(equalToJson("""
        {"type": "RESHIP", "lines": [{"sku": "DRESS-M", "quantity": 1}]}""", false, true)));
  }

  @Test
  void aFailedOrderCallIsRetriedWithTheSameKeyAndCreatesOneOrder() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(ORDERS)).inScenario("oms").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    wireMock().stubFor(post(urlEqualTo(ORDERS)).inScenario("oms").whenScenarioStateIs("up")
        .willReturn(okJson("{\"orderId\":\"AS-3\"}")));

    assertThatThrownBy(() -> createOrder.create(RESHIP, c.getId(), null, null)).isInstanceOf(ExternalSystemException.class)
        .hasMessageContaining("Order platform (OMS)").hasMessageContaining("POST /oms/orders");
    assertThat(cases.require(c.getId()).getReplacementOrderId()).isNull();
    assertThat(createOrder.create(RESHIP, c.getId(), null, null).replacementOrderId()).isEqualTo("AS-3");

    wireMock().verify(2, postRequestedFor(urlEqualTo(ORDERS))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":replacement-order")));
  }
}
