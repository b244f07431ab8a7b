package dev.aftersales.outofstock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Orders and stock of the out-of-stock tests on the shared WireMock. Each test uses skus of its own,
 * so backorders other tests left waiting in the shared database never share its queue.
 */
final class ShortageOrders {

  static final String WAREHOUSE = "WH-SH";

  private ShortageOrders() {}

  /** A sku no other test uses: {@code prefix}-{random}. */
  static String uniqueSku(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * An unshipped order from WH-SH: {@code quantity} × {@code sku} at 120.00 each (paid 110.00 each)
   * and a gift box bundle TEA-BOX (268.00, paid 248.00).
   */
  static String order(String sku, int quantity) {
    return order(sku, quantity, Duration.ZERO);
  }

  /** As {@link #order(String, int)}, with OMS answering after {@code delay}. */
  static String order(String sku, int quantity, Duration delay) {
    String orderId = "O-" + UUID.randomUUID();
    TestInfrastructure.wireMock().stubFor(get("/oms/orders/" + orderId).willReturn(okJson("""
        {"orderId":"%s","channel":"DOUYIN","customerId":"C-%s","placedAt":"2026-11-20T02:00:00Z","signedAt":null,
         "promotion":null,"paymentId":"PAY-%s","paymentMethod":"WECHAT","installmentPlanId":null,
         "freightInsurance":false,"warehouseId":"%s","lines":[
          {"sku":"%s","name":"Desk lamp","quantity":%d,"unitPrice":120.00,"paidAmount":%s,"gift":false},
          {"sku":"TEA-BOX","name":"Tea gift box","quantity":1,"unitPrice":268.00,"paidAmount":248.00,"gift":false}]}"""
        .formatted(orderId, orderId, orderId, WAREHOUSE, sku, quantity, 110 * quantity))
        .withFixedDelay((int) delay.toMillis())));
    return orderId;
  }

  /** What WMS says about {@code sku} at WH-SH: none available, the next arrival in {@code days} days. */
  static void stockArrivesIn(String sku, int days) {
    String date = LocalDate.now(BusinessCalendar.ZONE).plusDays(days).toString();
    TestInfrastructure.wireMock().stubFor(get(urlEqualTo("/wms/stock/" + sku + "?warehouseId=" + WAREHOUSE))
        .willReturn(okJson("{\"available\":0,\"nextArrivalDate\":\"" + date + "\"}")));
  }
}
