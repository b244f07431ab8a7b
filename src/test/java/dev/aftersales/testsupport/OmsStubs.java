package dev.aftersales.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import java.time.Duration;
import java.time.Instant;

/** OMS orders on the shared WireMock, in the shape of the OMS contract. */
public final class OmsStubs {

  private OmsStubs() {}

  /**
   * An order with two lines (SKU-A ×2 with a barcode, SKU-B ×1 without), paid with {@code paymentMethod},
   * signed for {@code signedAt} (null: not delivered yet).
   */
  public static void order(String orderId, Instant signedAt, String paymentMethod, boolean freightInsurance) {
    order(orderId, signedAt, paymentMethod, freightInsurance, Duration.ZERO);
  }

  public static void order(
      String orderId, Instant signedAt, String paymentMethod, boolean freightInsurance, Duration delay) {
    order(orderId, signedAt, paymentMethod, freightInsurance, delay, "NORMAL");
  }

  /** The same order of a customer of this tier (OMS {@code customerTier}: NORMAL, VIP1–VIP3). */
  public static void orderOfTier(String orderId, Instant signedAt, String paymentMethod, String customerTier) {
    order(orderId, signedAt, paymentMethod, false, Duration.ZERO, customerTier);
  }

  private static void order(String orderId, Instant signedAt, String paymentMethod, boolean freightInsurance,
      Duration delay, String customerTier) {
    String signed = signedAt == null ? "null" : "\"" + signedAt + "\"";
    String installmentPlan = "HUABEI_INSTALLMENT".equals(paymentMethod) ? "\"PLAN-" + orderId + "\"" : "null";
    TestInfrastructure.wireMock().stubFor(get("/oms/orders/" + orderId).willReturn(okJson("""
        {"orderId":"%s","channel":"TMALL","customerId":"C-%s","customerTier":"%s","placedAt":"2026-11-01T02:00:00Z","signedAt":%s,
         "promotion":null,"paymentId":"PAY-%s","paymentMethod":"%s","installmentPlanId":%s,
         "freightInsurance":%s,"warehouseId":"WH-SH","lines":[
          {"sku":"SKU-A","name":"Kettle","quantity":2,"unitPrice":99.50,"paidAmount":189.00,"gift":false,"barcode":"6900001"},
          {"sku":"SKU-B","name":"Teapot","quantity":1,"unitPrice":59.00,"paidAmount":59.00,"gift":false}]}"""
        .formatted(orderId, orderId, customerTier, signed, orderId, paymentMethod, installmentPlan, freightInsurance))
        .withFixedDelay((int) delay.toMillis())));
  }

  public static void unknownOrder(String orderId) {
    TestInfrastructure.wireMock().stubFor(get("/oms/orders/" + orderId).willReturn(aResponse().withStatus(404)));
  }

  public static void omsDown(String orderId) {
    TestInfrastructure.wireMock().stubFor(get("/oms/orders/" + orderId).willReturn(aResponse().withStatus(503)));
  }
}
