package dev.aftersales.workers.carrier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.notification.NotifyCustomerWorker;
import dev.aftersales.workers.wms.AnnounceReturnToWarehouseWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An approved return gets one label, the warehouse expects the parcel, the customer gets the label once. */
class CreateReturnLabelWorkerTest extends IntegrationTest {

  private static final String LABELS = "/carrier/return-labels";
  private static final ActivatedJob CREATE_LABEL = job(JobTypes.CREATE_RETURN_LABEL, "ServiceTask_CreateReturnLabel");
  private static final ActivatedJob ANNOUNCE =
      job(JobTypes.ANNOUNCE_RETURN_TO_WAREHOUSE, "ServiceTask_AnnounceReturnToWarehouse");
  private static final String RETURN_LABEL_TEMPLATE = "RETURN_LABEL";
  private static final ActivatedJob SEND_LABEL = job(JobTypes.NOTIFY_CUSTOMER, "ServiceTask_SendReturnLabel",
      Map.of(Headers.TEMPLATE, RETURN_LABEL_TEMPLATE));

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired CreateReturnLabelWorker createLabel;
  @Autowired AnnounceReturnToWarehouseWorker announce;
  @Autowired NotifyCustomerWorker notifyCustomer;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void createsTheLabelOnceAndTheCaseAwaitsTheParcel() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    wireMock().stubFor(post(urlEqualTo(LABELS))
        .willReturn(okJson("{\"trackingNumber\":\"SF100200\",\"labelUrl\":\"https://labels.example/SF100200.pdf\"}")));

    assertThat(createLabel.createLabel(CREATE_LABEL, c.getId()).trackingNumber()).isEqualTo("SF100200");
    assertThat(createLabel.createLabel(CREATE_LABEL, c.getId()).trackingNumber()).isEqualTo("SF100200");

    String key = c.getId() + ":return-label";
    wireMock().verify(1, postRequestedFor(urlEqualTo(LABELS)));
    wireMock().verify(postRequestedFor(urlEqualTo(LABELS)).withHeader("Idempotency-Key", equalTo(key))
        .withRequestBody(equalToJson("{\"caseId\": \"%s\", \"orderId\": \"%s\", \"idempotencyKey\": \"%s\"}"
            .formatted(c.getId(), c.getOrderId(), key), false, true)));
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.AWAITING_PARCEL);
    assertThat(stored.getLabelUrl()).isEqualTo("https://labels.example/SF100200.pdf");
    assertThat(timeline.of(c.getId())).extracting(e -> e.kind())
        .containsExactly(TimelineKind.EXTERNAL_CALL, TimelineKind.STATUS);
  }

  @Test
  void announcesTheParcelAndSendsTheLabelWithKeysOfCaseAndStep() {
    AfterSalesCase c = TestCases.aReturn().build();
    c.labelCreated("SF300400", "https://labels.example/SF300400.pdf");
    cases.save(c);
    wireMock().stubFor(post(urlEqualTo("/wms/inbound-notices")).willReturn(okJson("{\"noticeId\":\"IN-1\"}")));
    wireMock().stubFor(post(urlEqualTo("/notifications")).willReturn(okJson("{}")));

    notifyCustomer.notifyCustomer(SEND_LABEL, c.getId());
    announce.announce(ANNOUNCE, c.getId());

    wireMock().verify(postRequestedFor(urlEqualTo("/wms/inbound-notices"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":inbound-notice"))
        .withRequestBody(equalToJson("""
            {"caseId": "%s", "orderId": "%s", "warehouseId": "WH-SH-01", "trackingNumber": "SF300400",
             "items": [{"sku": "DRESS-M", "quantity": 1}], "priority": "NORMAL",
             "idempotencyKey": "%s:inbound-notice"}"""
            .formatted(c.getId(), c.getOrderId(), c.getId()))));
    wireMock().verify(postRequestedFor(urlEqualTo("/notifications"))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":notify:" + RETURN_LABEL_TEMPLATE))
        .withRequestBody(equalToJson("""
            {"customerId": "%s", "template": "RETURN_LABEL",
             "params": {"trackingNumber": "SF300400", "labelUrl": "https://labels.example/SF300400.pdf"}}"""
            .formatted(c.getCustomerId()), false, true)));
  }
}
