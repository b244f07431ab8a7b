package dev.aftersales.missent;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.SqlStatements.Executed;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the SQL statements of one mis-sent item — a wrong item too dear to keep, with a photo: reship, picking
 * error, stock corrections, a free label, the wrong item received and restocked, the case closed — with the real
 * workers (docs/benchmarks.md, "SQL statements per case").
 */
class MisSentItemSqlStatementsTest extends ApiTest {

  /** Measured on 5 December 2026 (main at 64c4ea4); the margin: see {@link CaseStatementCount#assertPinned}. */
  static final int STATEMENTS_PER_MIS_SENT_ITEM = 100;
  static final int MARGIN = 2;

  private static final String WRONG_ITEM = "SCARF-SILK";

  @Test
  void aDearWrongItemCostsAFixedNumberOfStatements() throws Exception {
    stub(WireMock.post(urlEqualTo("/carrier/return-labels")),
        "{\"trackingNumber\":\"SF{{jsonPath request.body '$.caseId'}}\",\"labelUrl\":\"https://labels.example/free.pdf\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    stub(WireMock.post(urlPathMatching("/wms/.*")), "{}");
    stub(WireMock.post(urlEqualTo("/wms/picking-errors")), "{\"status\":\"CONFIRMED\"}");
    stub(WireMock.get(urlPathMatching("/wms/stock/.*")), "{\"available\":10,\"nextArrivalDate\":null}");
    stub(WireMock.post(urlEqualTo("/wms/outbound-orders")),
        "{\"outboundOrderId\":\"OUT-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/oms/orders")), "{\"orderId\":\"AS-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.get(urlEqualTo("/oms/products/" + WRONG_ITEM)),
        "{\"sku\":\"" + WRONG_ITEM + "\",\"name\":\"Silk scarf\",\"unitPrice\":89.00,\"barcode\":\"690-SCARF\"}");
    String orderId = "O-SQL-" + UUID.randomUUID();
    String channelRequestId = "M-SQL-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(1, ChronoUnit.DAYS), "WECHAT", false);

    List<Executed> ofCase;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"WRONG_ITEM",
           "description":"收到的是围巾 got a scarf, not the kettle",
           "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"%s"}],
           "evidence":[{"url":"https://img.example/scarf.jpg","kind":"PHOTO"}]}"""
          .formatted(channelRequestId, orderId, WRONG_ITEM));
      assertThat(opened.status()).as("intake: %s", opened.body()).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();
      awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
      Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
          {"trackingNumber":"SF%s","items":[{"sku":"%s","barcode":"690-SCARF","grade":"NEW"}]}"""
          .formatted(caseId, WRONG_ITEM));
      assertThat(receipt.status()).isEqualTo(202);
      long instance = awaitStatus(caseId, CaseStatus.RESHIPPED).getProcessInstanceKey();
      CaseStatementCount.awaitProcessEnded(instance);
      ofCase = count.ofCase(caseId, channelRequestId);
    }
    CaseStatementCount.assertPinned("mis-sent item (dear wrong item, sent back)", ofCase, STATEMENTS_PER_MIS_SENT_ITEM,
        MARGIN);
  }
}
