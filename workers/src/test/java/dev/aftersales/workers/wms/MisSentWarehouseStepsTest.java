package dev.aftersales.workers.wms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.PickingErrorRepository;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.carrier.CreateReturnLabelWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The warehouse side of a mis-sent item: the picking error is stored and reported once, the shipping
 * warehouse's stock is corrected for both skus, a wrong item comes back on a free label and is
 * restocked as the sku it is.
 */
class MisSentWarehouseStepsTest extends IntegrationTest {

  private static final String PICKING_ERRORS = "/wms/picking-errors";
  private static final String CORRECTIONS = "/wms/stock-corrections";
  private static final ActivatedJob REPORT = job(JobTypes.RECORD_PICKING_ERROR, "ServiceTask_ReportPickingError");
  private static final ActivatedJob CORRECT = job(JobTypes.CORRECT_STOCK, "ServiceTask_CorrectStock");
  private static final ActivatedJob FREE_LABEL = job(JobTypes.CREATE_RETURN_LABEL, "ServiceTask_CreateReturnLabel",
      Map.of(Headers.LABEL_TYPE, "FREE"));
  private static final ActivatedJob RESTOCK = job(JobTypes.DISPOSE_RETURNED_ITEMS, "ServiceTask_RestockWrongItem");
  private static final ActivatedJob CHECK_PACKED = job(JobTypes.CHECK_PACKED_SHIPMENT, "ServiceTask_CheckPackedShipment");
  private static final ActivatedJob UPHOLD = job(JobTypes.SETTLE_PICKING_ERROR, "ServiceTask_UpholdPickingError",
      Map.of(Headers.OUTCOME, "UPHELD"));
  private static final ActivatedJob REJECT = job(JobTypes.SETTLE_PICKING_ERROR, "ServiceTask_ClearPickingError",
      Map.of(Headers.OUTCOME, "REJECTED"));

  @Autowired CaseRepository cases;
  @Autowired JdbcClient jdbc;
  @Autowired RecordPickingErrorWorker reportPickingError;
  @Autowired PickingErrorRepository pickingErrors;
  @Autowired CorrectStockWorker correctStock;
  @Autowired CreateReturnLabelWorker createLabel;
  @Autowired DisposeReturnedItemsWorker dispose;
  @Autowired CheckPackedShipmentWorker checkPacked;
  @Autowired SettlePickingErrorWorker settle;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void thePickingErrorIsStoredAgainstTheShippingWarehouseAndReportedOnce() {
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SOCKS-RED").build());
    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{\"status\":\"CONFIRMED\"}")));

    assertThat(reportPickingError.record(REPORT, c.getId()).pickDisputed()).isFalse();
    assertThat(reportPickingError.record(REPORT, c.getId()).pickDisputed()).isFalse(); // redelivered

    String key = c.getId() + ":picking-error";
    wireMock().verify(1, postRequestedFor(urlEqualTo(PICKING_ERRORS)));
    wireMock().verify(postRequestedFor(urlEqualTo(PICKING_ERRORS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"warehouseId": "WH-SH-01", "orderId": "%s", "sku": "DRESS-M", "caseId": "%s", "idempotencyKey": "%s"}"""
            .formatted(c.getOrderId(), c.getId(), key))));
    Map<String, Object> row = jdbc.sql("SELECT warehouse_id, sku, status, reported_at FROM picking_error WHERE case_id = :id")
        .param("id", c.getId()).query().singleRow();
    assertThat(row).containsEntry("warehouse_id", "WH-SH-01").containsEntry("sku", "DRESS-M")
        .containsEntry("status", "CONFIRMED");
    assertThat(row.get("reported_at")).isNotNull();
  }

  @Test
  void aPickTheWarehouseDisputesGoesToAnAgent() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{\"status\":\"DISPUTED\"}")));

    assertThat(reportPickingError.record(REPORT, c.getId()).pickDisputed()).isTrue();
    assertThat(pickingErrors.findById(c.getId()).orElseThrow().status()).isEqualTo(PickingErrorStatus.DISPUTED);
  }

  @Test
  void aMissingItemIsPackedOnlyWhenThePackingRecordHoldsEveryOrderedUnit() {
    AfterSalesCase packed = cases.save(TestCases.aMissingItem().build());
    AfterSalesCase oneShort = cases.save(TestCases.aMissingItem().build());
    AfterSalesCase noRecord = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(get(urlEqualTo("/wms/shipments/" + packed.getOrderId())).willReturn(okJson("""
        {"orderId": "%s", "parcels": [{"parcelId": "P1", "weightGrams": 1200, "skus": ["DRESS-M", "DRESS-M", "SCARF"]}]}"""
        .formatted(packed.getOrderId()))));
    wireMock().stubFor(get(urlEqualTo("/wms/shipments/" + oneShort.getOrderId())).willReturn(okJson("""
        {"orderId": "%s", "parcels": [{"parcelId": "P1", "weightGrams": 700, "skus": ["DRESS-M"]},
                                      {"parcelId": "P2", "weightGrams": 100, "skus": ["SCARF"]}]}"""
        .formatted(oneShort.getOrderId()))));
    wireMock().stubFor(get(urlEqualTo("/wms/shipments/" + noRecord.getOrderId()))
        .willReturn(aResponse().withStatus(404)));

    assertThat(checkPacked.check(CHECK_PACKED, packed.getId()).itemPacked()).isTrue();
    assertThat(checkPacked.check(CHECK_PACKED, oneShort.getId()).itemPacked()).isFalse();
    assertThat(checkPacked.check(CHECK_PACKED, noRecord.getId()).itemPacked()).isFalse();
  }

  @Test
  void aDisputedPickCountsOnlyWhenTheReviewUpholdsItAndNeverWhenTheClaimIsRejected() {
    AfterSalesCase rejected = cases.save(TestCases.aMissingItem().build());
    AfterSalesCase upheld = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{\"status\":\"DISPUTED\"}")));
    reportPickingError.record(REPORT, rejected.getId());
    reportPickingError.record(REPORT, upheld.getId());
    assertThat(pickingErrors.findById(rejected.getId()).orElseThrow().status().counts())
        .as("a disputed pick does not count before the review").isFalse();

    settle.settle(REJECT, rejected.getId());
    settle.settle(UPHOLD, upheld.getId());
    settle.settle(UPHOLD, upheld.getId()); // redelivered

    assertThat(pickingErrors.findById(rejected.getId()).orElseThrow().status())
        .isEqualTo(PickingErrorStatus.REJECTED).extracting(PickingErrorStatus::counts).isEqualTo(false);
    assertThat(pickingErrors.findById(upheld.getId()).orElseThrow().status())
        .isEqualTo(PickingErrorStatus.UPHELD).extracting(PickingErrorStatus::counts).isEqualTo(true);
    wireMock().verify(2, postRequestedFor(urlEqualTo(PICKING_ERRORS))); // one report each, none at the settling
  }

  @Test
  void aPickUpheldAgainstThePackingRecordIsStoredAndReportedToTheWarehouseOnce() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{\"status\":\"DISPUTED\"}")));

    settle.settle(UPHOLD, c.getId());
    settle.settle(UPHOLD, c.getId()); // redelivered

    assertThat(pickingErrors.findById(c.getId()).orElseThrow().status()).isEqualTo(PickingErrorStatus.UPHELD);
    wireMock().verify(1, postRequestedFor(urlEqualTo(PICKING_ERRORS))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":picking-error")));
  }

  @Test
  void aClaimRejectedAgainstThePackingRecordStoresNoPickingError() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());

    settle.settle(REJECT, c.getId());

    assertThat(pickingErrors.findById(c.getId())).isEmpty();
    wireMock().verify(0, postRequestedFor(urlEqualTo(PICKING_ERRORS)));
  }

  @Test
  void anAnswerWithoutAKnownStatusIsAnIncidentAndItsRetryReportsTheErrorWithTheSameKey() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{}")));

    assertThatThrownBy(() -> reportPickingError.record(REPORT, c.getId()))
        .hasMessageContaining("expected CONFIRMED or DISPUTED");
    assertThat(pickingErrors.findById(c.getId())).as("stored with the warehouse's answer only").isEmpty();

    wireMock().stubFor(post(urlEqualTo(PICKING_ERRORS)).willReturn(okJson("{\"status\":\"CONFIRMED\"}")));
    reportPickingError.record(REPORT, c.getId());

    assertThat(pickingErrors.findById(c.getId()).orElseThrow().status()).isEqualTo(PickingErrorStatus.CONFIRMED);
    wireMock().verify(2, postRequestedFor(urlEqualTo(PICKING_ERRORS))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":picking-error")));
  }

  @Test
  void stockIsCorrectedForTheOrderedAndTheWronglyShippedSkuOnce() {
    AfterSalesCase c = TestCases.aWrongItem("SOCKS-RED").lines(ReturnLine.requested("DRESS-M", 2, null, "SOCKS-RED"))
        .build();
    cases.save(c);
    wireMock().stubFor(post(urlEqualTo(CORRECTIONS)).willReturn(okJson("{}")));

    correctStock.correct(CORRECT, c.getId());
    correctStock.correct(CORRECT, c.getId()); // redelivered

    wireMock().verify(2, postRequestedFor(urlEqualTo(CORRECTIONS)));
    verifyCorrection(c, "DRESS-M", 2, "MIS_SENT_NOT_SHIPPED");
    verifyCorrection(c, "SOCKS-RED", -2, "MIS_SENT_SHIPPED_BY_MISTAKE");
    assertThat(cases.require(c.getId()).getLines()).allMatch(ReturnLine::stockCorrected);
  }

  @Test
  void aMissingItemCorrectsOnlyTheOrderedSku() {
    AfterSalesCase c = cases.save(TestCases.aMissingItem().build());
    wireMock().stubFor(post(urlEqualTo(CORRECTIONS)).willReturn(okJson("{}")));

    correctStock.correct(CORRECT, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo(CORRECTIONS)));
    verifyCorrection(c, "DRESS-M", 1, "MIS_SENT_NOT_SHIPPED");
  }

  @Test
  void aWrongItemComesBackOnAFreeLabelAndIsRestockedAsTheSkuItIs() {
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SOCKS-RED").build());
    wireMock().stubFor(post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-FREE-1\",\"labelUrl\":\"https://labels.example/free.pdf\"}")));
    wireMock().stubFor(post(urlEqualTo("/wms/stock-dispositions")).willReturn(okJson("{}")));

    createLabel.createLabel(FREE_LABEL, c.getId());
    AfterSalesCase awaiting = cases.require(c.getId());
    awaiting.parcelReceived(awaiting.getLines().stream().map(l -> l.received("690-SOCKS", Grade.NEW)).toList(),
        Instant.now());
    cases.save(awaiting);
    dispose.dispose(RESTOCK, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo("/carrier/return-labels"))
        .withRequestBody(matchingJsonPath("$.labelType", equalTo("FREE"))));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/wms/stock-dispositions"))
        .withRequestBody(equalToJson("""
            {"sku": "SOCKS-RED", "quantity": 1, "disposition": "SELLABLE"}""", false, true)));
  }

  private void verifyCorrection(AfterSalesCase c, String sku, int delta, String reason) {
    String key = c.getId() + ":stock-correction:0:" + sku;
    wireMock().verify(1, postRequestedFor(urlEqualTo(CORRECTIONS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"warehouseId": "WH-SH-01", "sku": "%s", "quantityDelta": %d, "reason": "%s", "caseId": "%s",
             "idempotencyKey": "%s"}""".formatted(sku, delta, reason, c.getId(), key))));
  }
}
