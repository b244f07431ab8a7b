package dev.aftersales.cases;

import org.springframework.data.relational.core.mapping.Table;

/** A photo or video the customer attached; {@code ocrText} is filled when the classifier read it. */
@Table("case_evidence")
public record Evidence(String url, EvidenceKind kind, String ocrText) {

  public Evidence withOcrText(String text) {
    return new Evidence(url, kind, text);
  }
}
