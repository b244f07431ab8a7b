package dev.aftersales.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.process.WorkerProperties;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.workers.TestCases;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A warehouse (WMS) down for good while an approved return is announced to it, with the real workers, the
 * real engine and MariaDB: the customer's label is not held back, the push is retried to its budget, then
 * the case view shows the blocked step, since when and the last error; after the operator retries the
 * incident and the warehouse answers, the notice goes out (URGENT: an approved quality return) and the case
 * view is back to normal.
 */
class WarehouseOutageApiTest extends ApiTest {

  private static final String INBOUND_NOTICES = "/wms/inbound-notices";
  private static final String ANNOUNCE = "ServiceTask_AnnounceReturnToWarehouse";

  @Autowired CaseRepository cases;
  @Autowired WorkerProperties workers;
  private long instance;

  @BeforeEach
  void sandbox() {
    wireMock().resetAll();
    wireMock().stubFor(WireMock.post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-WMS-DOWN\",\"labelUrl\":\"https://labels.example/SF-WMS-DOWN.pdf\"}")));
    wireMock().stubFor(WireMock.post(urlEqualTo("/notifications")).willReturn(okJson("{}")));
    wireMock().stubFor(WireMock.post(urlEqualTo(INBOUND_NOTICES)).willReturn(aResponse().withStatus(503)));
  }

  @AfterEach
  void cancelInstance() {
    try {
      zeebe().client().newCancelInstanceCommand(instance).send().join(10, TimeUnit.SECONDS);
    } catch (RuntimeException alreadyEnded) {
      // nothing left to call the sandbox
    }
  }

  @Test
  void aWarehouseOutageBlocksOnlyItsStepVisiblyUntilTheOperatorRetriesIt() {
    AfterSalesCase c = approvedQualityReturn();
    instance = labelStep(c);

    IncidentRecordValue incident = awaitIncident(instance);

    wireMock().verify(workers.maxRetries(), postRequestedFor(urlEqualTo(INBOUND_NOTICES)));
    wireMock().verify(1, postRequestedFor(urlEqualTo("/notifications"))
        .withRequestBody(matchingJsonPath("$.template", equalTo("RETURN_LABEL"))));
    JsonNode blocked = awaitView(c.getId(), v -> v.path("blockedSteps").size() == 1).path("blockedSteps").get(0);
    assertThat(blocked.path("step").asText()).isEqualTo(ANNOUNCE);
    assertThat(blocked.path("jobType").asText()).isEqualTo(JobTypes.ANNOUNCE_RETURN_TO_WAREHOUSE);
    Instant failingSince = Instant.parse(blocked.path("failingSince").asText());
    assertThat(Instant.parse(blocked.path("blockedSince").asText())).isAfterOrEqualTo(failingSince);
    assertThat(blocked.path("lastError").asText()).contains("/wms/inbound-notices").contains("503")
        .contains("0 retries left");

    // The warehouse is back; the operator retries the incident (Operate: "retry").
    wireMock().stubFor(WireMock.post(urlEqualTo(INBOUND_NOTICES)).willReturn(okJson("{}")));
    zeebe().client().newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
    zeebe().client().newResolveIncidentCommand(incidentKey(instance)).send().join();

    JsonNode normal = awaitView(c.getId(), v -> v.path("blockedSteps").isEmpty());
    assertThat(normal.path("urgent").asBoolean()).isTrue();
    // every attempt, the failed ones and the one after the operator's retry, is the same notice
    wireMock().verify(workers.maxRetries() + 1, postRequestedFor(urlEqualTo(INBOUND_NOTICES))
        .withRequestBody(matchingJsonPath("$.priority", equalTo("URGENT")))
        .withRequestBody(matchingJsonPath("$.trackingNumber", equalTo("SF-WMS-DOWN")))
        .withHeader("Idempotency-Key", equalTo(c.getId() + ":inbound-notice")));
  }

  @Test
  void aNormalReturnIsAnnouncedWithNormalPriority() {
    wireMock().stubFor(WireMock.post(urlEqualTo(INBOUND_NOTICES)).willReturn(okJson("{}")));
    AfterSalesCase c = TestCases.aReturn().build();
    c.classified(Reason.NO_REASON, ReasonSource.CHANNEL, null, "warehouse-team");
    cases.save(c);
    instance = labelStep(c);

    awaitView(c.getId(), v -> !wireMock().findAll(postRequestedFor(urlEqualTo(INBOUND_NOTICES))).isEmpty());

    wireMock().verify(1, postRequestedFor(urlEqualTo(INBOUND_NOTICES))
        .withRequestBody(matchingJsonPath("$.priority", equalTo("NORMAL"))));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private AfterSalesCase approvedQualityReturn() {
    AfterSalesCase c = TestCases.aReturn().statedReason(Reason.QUALITY).build();
    c.classified(Reason.QUALITY, ReasonSource.CHANNEL, null, "qc-team");
    c.evidenceApproved();
    return cases.save(c);
  }

  /** A return-goods instance of the approved case that starts at "Create return label". */
  private long labelStep(AfterSalesCase c) {
    long key = zeebe().client().newCreateInstanceCommand().bpmnProcessId(ProcessIds.RETURN_GOODS).latestVersion()
        .variables(Map.of("caseId", c.getId(), "orderId", c.getOrderId()))
        .startBeforeElement("ServiceTask_CreateReturnLabel")
        .send().join(10, TimeUnit.SECONDS).getProcessInstanceKey();
    cases.linkProcessInstance(c.getId(), key);
    return key;
  }

  private JsonNode awaitView(String caseId, Predicate<JsonNode> reached) {
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    while (!reached.test(view)) {
      assertThat(Instant.now()).as("case view of %s: %s", caseId, view).isBefore(deadline);
      pause();
      view = get(TestUser.AGENT, "/api/after-sales/cases/" + caseId).body();
    }
    return view;
  }

  private static IncidentRecordValue awaitIncident(long instance) {
    Instant deadline = Instant.now().plusSeconds(90);
    Optional<IncidentRecordValue> incident = incidentOf(instance);
    while (incident.isEmpty()) {
      assertThat(Instant.now()).as("an incident for instance %d", instance).isBefore(deadline);
      // The in-memory engine re-offers a job after its backoff on its own clock (see RetryBudgetEngineTest).
      zeebe().increaseTime(Duration.ofSeconds(1));
      pause();
      incident = incidentOf(instance);
    }
    return incident.get();
  }

  private static Optional<IncidentRecordValue> incidentOf(long instance) {
    return ApiTest.<IncidentRecordValue>engineRecords(ValueType.INCIDENT).stream()
        .filter(r -> r.getIntent() == IncidentIntent.CREATED && r.getValue().getProcessInstanceKey() == instance)
        .map(Record::getValue).findFirst();
  }

  private static long incidentKey(long instance) {
    return ApiTest.<IncidentRecordValue>engineRecords(ValueType.INCIDENT).stream()
        .filter(r -> r.getIntent() == IncidentIntent.CREATED && r.getValue().getProcessInstanceKey() == instance)
        .map(Record::getKey).findFirst().orElseThrow();
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
