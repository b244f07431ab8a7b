package dev.aftersales.workers.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.decision.DecideWrongItemHandlingWorker.WrongItemDecided;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deployed wrong-item-handling decision on the OMS value of what arrived: a cheap wrong item
 * stays with the customer (nothing refunded, no label), a dear or unknown one comes back.
 */
class DecideWrongItemHandlingWorkerTest extends IntegrationTest {

  private static final ActivatedJob DECIDE = job(JobTypes.DECIDE_WRONG_ITEM_HANDLING,
      "BusinessRuleTask_DecideWrongItemHandling", Map.of(Headers.DECISION_ID, ProcessIds.WRONG_ITEM_HANDLING));

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired DecideWrongItemHandlingWorker decide;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
    price("SOCKS-RED", "12.50");
    price("SCARF-SILK", "89.00");
  }

  @Test
  void aCheapWrongItemStaysWithTheCustomerAndNothingIsRefundedOrSentBack() {
    // two pairs of socks instead of two dresses: 25.00, under the threshold of 30
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SOCKS-RED")
        .lines(ReturnLine.requested("DRESS-M", 2, null, "SOCKS-RED")).build());

    WrongItemDecided decided = decide.decide(DECIDE, c.getId());
    assertThat(decide.decide(DECIDE, c.getId())).isEqualTo(decided); // redelivered: decided once

    assertThat(decided.keepWrongItem()).isTrue();
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getWrongItemValue()).isEqualTo(new BigDecimal("25.00"));
    assertThat(stored.getKeepWrongItem()).isTrue();
    assertThat(stored.getRefund()).isEmpty();
    wireMock().verify(1, getRequestedFor(urlEqualTo("/oms/products/SOCKS-RED")));
    wireMock().verify(0, postRequestedFor(anyUrl()));
    assertThat(decisions(c)).singleElement().satisfies(e -> {
      assertThat(e.details()).containsEntry("decisionId", ProcessIds.WRONG_ITEM_HANDLING);
      assertThat((Map<String, Object>) e.details().get("inputs")).containsEntry("wrongItemValue", 25.00);
    });
  }

  @Test
  void aDearWrongItemComesBack() {
    AfterSalesCase c = cases.save(TestCases.aWrongItem("SCARF-SILK").build());

    assertThat(decide.decide(DECIDE, c.getId()).keepWrongItem()).isFalse();
    assertThat(cases.require(c.getId()).getWrongItemValue()).isEqualTo(new BigDecimal("89.00"));
  }

  @Test
  void aWrongItemOfUnknownValueComesBack() {
    AfterSalesCase notNamed = cases.save(TestCases.aWrongItem(null).build());
    AfterSalesCase notInOms = cases.save(TestCases.aWrongItem("MYSTERY-1").build());
    wireMock().stubFor(get(urlEqualTo("/oms/products/MYSTERY-1")).willReturn(notFound()));

    for (AfterSalesCase c : List.of(notNamed, notInOms)) {
      assertThat(decide.decide(DECIDE, c.getId()).keepWrongItem()).as(c.getLines().toString()).isFalse();
      assertThat(cases.require(c.getId()).getWrongItemValue()).isNull();
    }
    wireMock().verify(1, getRequestedFor(urlEqualTo("/oms/products/MYSTERY-1")));
  }

  private List<TimelineEntry> decisions(AfterSalesCase c) {
    return timeline.of(c.getId()).stream().filter(e -> e.kind() == TimelineKind.DECISION).toList();
  }

  private static void price(String sku, String unitPrice) {
    wireMock().stubFor(get(urlEqualTo("/oms/products/" + sku)).willReturn(okJson("""
        {"sku": "%s", "name": "Wrong item", "unitPrice": %s}""".formatted(sku, unitPrice))));
  }
}
