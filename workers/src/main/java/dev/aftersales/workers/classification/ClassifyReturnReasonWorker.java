package dev.aftersales.workers.classification;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.integration.vision.VisionClient;
import dev.aftersales.integration.vision.VisionClient.OcrRequest;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The channel's stated reason wins; otherwise the customer's description and the text read from
 * every photo are classified by keywords. Reason, source, confidence and queue are stored on the case.
 */
@Component
public class ClassifyReturnReasonWorker {

  /** Longest OCR text the case stores (the column's size); the classifier has read the whole text. */
  private static final int MAX_STORED_OCR_TEXT = 2000;

  public record Classified(Reason reason, String queue) {}

  private final CaseRepository cases;
  private final VisionClient vision;
  private final StepJournal journal;
  private final ClassificationProperties properties;
  private final ReasonClassifier classifier;

  public ClassifyReturnReasonWorker(
      CaseRepository cases, VisionClient vision, StepJournal journal, ClassificationProperties properties) {
    this.cases = cases;
    this.vision = vision;
    this.journal = journal;
    this.properties = properties;
    this.classifier = new ReasonClassifier(properties.qualityKeywords());
  }

  @JobWorker(type = JobTypes.CLASSIFY_RETURN_REASON)
  public Classified classify(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getReason() != null) {
      return new Classified(c.getReason(), c.getQueue());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (c.getStatedReason() != null) {
      c.classified(c.getStatedReason(), ReasonSource.CHANNEL, null, properties.queueFor(c.getStatedReason()));
      details.put("source", ReasonSource.CHANNEL);
    } else {
      List<String> texts = new ArrayList<>();
      texts.add(c.getDescription());
      texts.addAll(readPhotos(job, c));
      ReasonClassifier.Guess guess = classifier.classify(String.join("\n", texts.stream().filter(Objects::nonNull).toList()));
      c.classified(guess.reason(), ReasonSource.CLASSIFIER, guess.confidence(), properties.queueFor(guess.reason()));
      details.put("source", ReasonSource.CLASSIFIER);
      details.put("confidence", guess.confidence());
      details.put("matchedKeywords", guess.matchedKeywords());
    }
    details.put("reason", c.getReason());
    details.put("queue", c.getQueue());
    cases.save(c);
    journal.decision(job, caseId, "Return reason %s (%s), queue %s".formatted(
        c.getReason(), c.getReasonSource(), c.getQueue()), details);
    return new Classified(c.getReason(), c.getQueue());
  }

  /**
   * OCR text of every photo; a photo read by an earlier, failed attempt is not read again (its
   * text is saved right away).
   */
  private List<String> readPhotos(ActivatedJob job, AfterSalesCase c) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < c.getEvidence().size(); i++) {
      Evidence evidence = c.getEvidence().get(i);
      if (evidence.kind() != EvidenceKind.PHOTO) {
        continue;
      }
      if (evidence.ocrText() == null) {
        OcrRequest request = new OcrRequest(evidence.url());
        String text = journal.call(job, c.getId(), VisionClient.OCR, request, () -> vision.read(request)).text();
        texts.add(text);
        c.evidenceRead(i, text == null ? "" : truncate(text));
        cases.save(c); // updates the version of this same instance
      } else {
        texts.add(evidence.ocrText());
      }
    }
    return texts;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_STORED_OCR_TEXT ? text : text.substring(0, MAX_STORED_OCR_TEXT);
  }
}
