package dev.aftersales.workers.classification;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.classification.ClassifyReturnReasonWorker.Classified;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The channel's reason wins; otherwise the text read from the photos decides the reason and the queue. */
class ClassifyReturnReasonWorkerTest extends IntegrationTest {

  private static final String OCR = "/vision/ocr";
  private static final ActivatedJob CLASSIFY = job(JobTypes.CLASSIFY_RETURN_REASON, "ServiceTask_ClassifyReturnReason");

  @Autowired CaseRepository cases;
  @Autowired ClassifyReturnReasonWorker classify;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void photoTextShowingDamageMakesAQualityReturnForQc() {
    String box = "https://img.example/box.jpg";
    String receipt = "https://img.example/receipt.jpg";
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(null).description("想退货")
        .evidence(new Evidence(box, EvidenceKind.PHOTO, null))
        .evidence(new Evidence("https://img.example/unboxing.mp4", EvidenceKind.VIDEO, null))
        .evidence(new Evidence(receipt, EvidenceKind.PHOTO, null))
        .build());
    wireMock().stubFor(post(urlEqualTo(OCR)).withRequestBody(matchingJsonPath("$.url", equalTo(box)))
        .willReturn(okJson("{\"text\":\"快递外包装破损，屏幕有裂痕\"}")));
    wireMock().stubFor(post(urlEqualTo(OCR)).withRequestBody(matchingJsonPath("$.url", equalTo(receipt)))
        .willReturn(okJson("{\"text\":\"电子发票 订单号 12345\"}")));

    Classified classified = classify.classify(CLASSIFY, c.getId());
    Classified redelivered = classify.classify(CLASSIFY, c.getId());

    assertThat(classified).isEqualTo(new Classified(Reason.QUALITY, "qc-team")).isEqualTo(redelivered);
    wireMock().verify(2, postRequestedFor(urlEqualTo(OCR))); // each photo once, never the video
    AfterSalesCase stored = cases.require(c.getId());
    assertThat(stored.getReasonSource()).isEqualTo(ReasonSource.CLASSIFIER);
    assertThat(stored.getClassifierConfidence()).isEqualByComparingTo(new BigDecimal("0.80")); // 破损 + 裂
    assertThat(stored.getEvidence()).extracting(Evidence::ocrText)
        .containsExactly("快递外包装破损，屏幕有裂痕", null, "电子发票 订单号 12345");
  }

  @Test
  void withoutQualityWordsTheReturnIsNoReasonForTheWarehouse() {
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(null).description("颜色不喜欢, changed my mind")
        .evidence(new Evidence("https://img.example/dress.jpg", EvidenceKind.PHOTO, null)).build());
    wireMock().stubFor(post(urlEqualTo(OCR)).willReturn(okJson("{\"text\":\"吊牌完好\"}")));

    assertThat(classify.classify(CLASSIFY, c.getId())).isEqualTo(new Classified(Reason.NO_REASON, "warehouse-team"));
    assertThat(cases.require(c.getId()).getClassifierConfidence()).isEqualByComparingTo(new BigDecimal("0.70"));
  }

  @Test
  void theChannelsStatedReasonWinsWithoutReadingThePhotos() {
    AfterSalesCase c = cases.save(TestCases.aReturn().statedReason(Reason.QUALITY).description("no words that matter")
        .evidence(new Evidence("https://img.example/x.jpg", EvidenceKind.PHOTO, null)).build());

    assertThat(classify.classify(CLASSIFY, c.getId())).isEqualTo(new Classified(Reason.QUALITY, "qc-team"));
    wireMock().verify(0, anyRequestedFor(anyUrl()));
    assertThat(cases.require(c.getId()).getReasonSource()).isEqualTo(ReasonSource.CHANNEL);
  }
}
