package dev.aftersales.workers.classification;

import dev.aftersales.cases.Reason;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a return reason is guessed when the channel gave none, and where each reason is handled.
 *
 * @param qualityKeywords words (Chinese and English, matched case-insensitively anywhere in the
 *     customer's text or the OCR text of the photos) that mean the goods are defective or not as described
 * @param qualityQueue candidate group of QUALITY returns
 * @param defaultQueue candidate group of every other return
 */
@ConfigurationProperties("aftersales.classification")
public record ClassificationProperties(
    @DefaultValue({"破损", "损坏", "质量", "瑕疵", "坏了", "不符", "漏", "裂", "故障", "划痕", "污渍", "掉色", "开线",
        "变形", "发霉", "defect", "broken", "damaged", "crack", "faulty", "not as described", "not working",
        "scratch", "stain", "leak", "torn"})
    List<String> qualityKeywords,
    @DefaultValue("qc-team") String qualityQueue,
    @DefaultValue("warehouse-team") String defaultQueue) {

  public String queueFor(Reason reason) {
    return reason == Reason.QUALITY ? qualityQueue : defaultQueue;
  }
}
