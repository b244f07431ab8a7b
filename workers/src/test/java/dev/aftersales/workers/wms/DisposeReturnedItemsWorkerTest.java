package dev.aftersales.workers.wms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each graded item goes where the deployed return-disposition decision sends it, once. */
class DisposeReturnedItemsWorkerTest extends IntegrationTest {

  private static final String DISPOSITIONS = "/wms/stock-dispositions";
  private static final ActivatedJob DISPOSE = job(JobTypes.DISPOSE_RETURNED_ITEMS, "ServiceTask_DisposeReturnedItems");

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired DisposeReturnedItemsWorker dispose;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void disposesEachLineAsTheDecisionSaysAndNeverTwice() {
    AfterSalesCase c = receivedAs(Grade.NEW, Grade.LIGHTLY_USED, Grade.DAMAGED);
    wireMock().stubFor(post(urlEqualTo(DISPOSITIONS)).willReturn(okJson("{\"status\":\"ACCEPTED\"}")));

    dispose.dispose(DISPOSE, c.getId());
    dispose.dispose(DISPOSE, c.getId()); // redelivered

    wireMock().verify(3, postRequestedFor(urlEqualTo(DISPOSITIONS)));
    verifyDisposition(c, 0, "DRESS-M", Disposition.SELLABLE, 0);
    verifyDisposition(c, 1, "DRESS-M", Disposition.SECOND_HAND, 30);
    verifyDisposition(c, 2, "SCARF", Disposition.SCRAP, 0);
    assertThat(cases.require(c.getId()).getLines())
        .extracting(ReturnLine::disposition, ReturnLine::discountPercent)
        .containsExactly(
            tuple(Disposition.SELLABLE, 0),
            tuple(Disposition.SECOND_HAND, 30),
            tuple(Disposition.SCRAP, 0));
    assertThat(timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.DECISION))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.details()).containsEntry("decisionId", ProcessIds.RETURN_DISPOSITION));
  }

  @Test
  void aRetryAfterAFailedLineDisposesOnlyTheLinesNotDoneYet() {
    AfterSalesCase c = receivedAs(Grade.NEW, Grade.DAMAGED);
    String secondLine = c.getId() + ":disposition:1";
    wireMock().stubFor(post(urlEqualTo(DISPOSITIONS)).willReturn(okJson("{}")));
    wireMock().stubFor(post(urlEqualTo(DISPOSITIONS)).withHeader("Idempotency-Key", equalTo(secondLine))
        .inScenario("wms-down").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
    wireMock().stubFor(post(urlEqualTo(DISPOSITIONS)).withHeader("Idempotency-Key", equalTo(secondLine))
        .inScenario("wms-down").whenScenarioStateIs("up").willReturn(okJson("{}")));

    assertThatThrownBy(() -> dispose.dispose(DISPOSE, c.getId())).isInstanceOf(ExternalSystemException.class)
        .hasMessageContaining("Warehouse (WMS)").hasMessageContaining("POST /wms/stock-dispositions");
    assertThat(cases.require(c.getId()).getLines()).extracting(ReturnLine::disposition)
        .containsExactly(Disposition.SELLABLE, null);
    dispose.dispose(DISPOSE, c.getId());

    wireMock().verify(1, postRequestedFor(urlEqualTo(DISPOSITIONS))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":disposition:0")));
    wireMock().verify(2, postRequestedFor(urlEqualTo(DISPOSITIONS)).withHeader("Idempotency-Key", equalTo(secondLine))
        .withRequestBody(matchingJsonPath("$.disposition", equalTo("SCRAP"))));
  }

  private void verifyDisposition(AfterSalesCase c, int lineNo, String sku, Disposition disposition, int discount) {
    String key = c.getId() + ":disposition:" + lineNo;
    wireMock().verify(1, postRequestedFor(urlEqualTo(DISPOSITIONS))
        .withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("""
            {"sku": "%s", "quantity": 1, "disposition": "%s", "discountPercent": %d, "caseId": "%s",
             "idempotencyKey": "%s"}""".formatted(sku, disposition, discount, c.getId(), key))));
  }

  /** One returned item per grade: dresses first, the scarf as third line. */
  private AfterSalesCase receivedAs(Grade... grades) {
    String[] skus = {"DRESS-M", "DRESS-M", "SCARF"};
    ReturnLine[] requested = new ReturnLine[grades.length];
    for (int i = 0; i < grades.length; i++) {
      requested[i] = ReturnLine.requested(skus[i], 1, null);
    }
    AfterSalesCase c = TestCases.aReturn().lines(requested).build();
    List<ReturnLine> received = new ArrayList<>();
    for (int i = 0; i < grades.length; i++) {
      received.add(c.getLines().get(i).received("scan-" + i, grades[i]));
    }
    c.parcelReceived(received, Instant.now());
    return cases.save(c);
  }
}
