package dev.aftersales.workers.wms;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.wms.InspectReturnedItemsWorker.Finding;
import dev.aftersales.workers.wms.InspectReturnedItemsWorker.Inspected;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scan is checked against the order: barcode (or sku when OMS has none) and the declared condition. */
class InspectReturnedItemsWorkerTest extends IntegrationTest {

  private static final ActivatedJob INSPECT = job(JobTypes.INSPECT_RETURNED_ITEMS, "ServiceTask_InspectReturnedItems");

  @Autowired CaseRepository cases;
  @Autowired InspectReturnedItemsWorker inspect;

  @Test
  void matchingBarcodesAndNewGoodsAreAsDeclared() {
    AfterSalesCase c = received(true, "6901234", Grade.NEW, "SCARF", Grade.NEW);

    Inspected inspected = inspect.inspect(INSPECT, c.getId());

    assertThat(inspected.barcodesMatch()).isTrue();
    assertThat(inspected.conditionAsDeclared()).isTrue();
    assertThat(inspected.inspectionFindings()).containsExactly(
        new Finding("DRESS-M", "6901234", "6901234", Grade.NEW),
        new Finding("SCARF", "SCARF", "SCARF", Grade.NEW)); // no barcode from OMS: the sku is expected
    assertThat(cases.require(c.getId()).getStatus()).isEqualTo(CaseStatus.RECEIVED);
  }

  @Test
  void aForeignBarcodeIsAMismatchAndUsedGoodsDeclaredUnopenedAreNotAsDeclared() {
    AfterSalesCase c = received(true, "9999999", Grade.NEW, "SCARF", Grade.LIGHTLY_USED);

    Inspected inspected = inspect.inspect(INSPECT, c.getId());

    assertThat(inspected.barcodesMatch()).isFalse();
    assertThat(inspected.conditionAsDeclared()).isFalse();
  }

  @Test
  void usedGoodsOfAnOpenedReturnAreAsDeclared() {
    AfterSalesCase c = received(false, "6901234", Grade.LIGHTLY_USED, "SCARF", Grade.DAMAGED);

    assertThat(inspect.inspect(INSPECT, c.getId()).conditionAsDeclared()).isTrue();
  }

  @Test
  void aReturnedWrongItemMatchesOnlyTheBarcodeOfTheItemSentByMistake() {
    wireMock().resetAll();
    wireMock().stubFor(get(urlEqualTo("/oms/products/SOCKS-RED"))
        .willReturn(okJson("{\"sku\":\"SOCKS-RED\",\"name\":\"Red socks\",\"unitPrice\":59.00,\"barcode\":\"690-SOCKS\"}")));
    AfterSalesCase right = wrongItemBack("690-SOCKS");
    AfterSalesCase other = wrongItemBack("6901234"); // the ordered dress's barcode: not what was sent by mistake

    Inspected matching = inspect.inspect(INSPECT, right.getId());
    Inspected mismatching = inspect.inspect(INSPECT, other.getId());

    assertThat(matching.barcodesMatch()).isTrue();
    assertThat(matching.inspectionFindings()).containsExactly(new Finding("SOCKS-RED", "690-SOCKS", "690-SOCKS", Grade.NEW));
    assertThat(mismatching.barcodesMatch()).as("never a silent restock").isFalse();
  }

  private AfterSalesCase wrongItemBack(String scannedBarcode) {
    AfterSalesCase c = TestCases.aWrongItem("SOCKS-RED").build();
    c.parcelReceived(List.of(c.getLines().getFirst().received(scannedBarcode, Grade.NEW)), Instant.now());
    return cases.save(c);
  }

  private AfterSalesCase received(boolean unopened, String dressBarcode, Grade dressGrade, String scarfBarcode,
      Grade scarfGrade) {
    AfterSalesCase c = TestCases.aReturn().unopened(unopened)
        .lines(ReturnLine.requested("DRESS-M", 1, null), ReturnLine.requested("SCARF", 1, null)).build();
    c.parcelReceived(List.of(c.getLines().get(0).received(dressBarcode, dressGrade),
        c.getLines().get(1).received(scarfBarcode, scarfGrade)), Instant.now());
    return cases.save(c);
  }
}
