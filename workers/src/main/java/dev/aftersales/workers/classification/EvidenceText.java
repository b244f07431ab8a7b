package dev.aftersales.workers.classification;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.integration.vision.VisionClient;
import dev.aftersales.integration.vision.VisionClient.OcrRequest;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.api.response.ActivatedJob;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The text on the customer's evidence photos (OCR of the vision service), a fact of the reason
 * classification. Each photo is read once: its text is saved on the case right away, so a retried job
 * or a later decision does not read it again.
 */
@Component
public class EvidenceText {

  /** Longest OCR text the case stores (the column's size). */
  private static final int MAX_STORED_OCR_TEXT = 2000;

  private final OrderSnapshotRepository snapshots;
  private final VisionClient vision;
  private final StepJournal journal;

  public EvidenceText(OrderSnapshotRepository snapshots, VisionClient vision, StepJournal journal) {
    this.snapshots = snapshots;
    this.vision = vision;
    this.journal = journal;
  }

  /** The text of every photo, read now when it was not read before; null when there is none. */
  public String of(ActivatedJob job, AfterSalesCase c, OrderSnapshot order) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < order.getEvidence().size(); i++) {
      Evidence evidence = order.getEvidence().get(i);
      if (evidence.kind() != EvidenceKind.PHOTO) {
        continue;
      }
      String text = evidence.ocrText();
      if (text == null) {
        OcrRequest request = new OcrRequest(evidence.url());
        String read = journal.call(job, c.getId(), VisionClient.OCR, request, () -> vision.read(request)).text();
        text = read == null ? "" : truncate(read);
        order.evidenceRead(i, text);
        snapshots.save(order); // the case's order snapshot holds the evidence; updates the version of this instance
      }
      if (!text.isBlank()) {
        texts.add(text);
      }
    }
    return texts.isEmpty() ? null : String.join("\n", texts);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_STORED_OCR_TEXT ? text : text.substring(0, MAX_STORED_OCR_TEXT);
  }
}
