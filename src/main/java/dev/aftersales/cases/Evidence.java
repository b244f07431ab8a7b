package dev.aftersales.cases;

/** A photo or video the customer attached; {@code ocrText} is filled when the classifier read it. */
public record Evidence(String url, EvidenceKind kind, String ocrText) {

  public Evidence withOcrText(String text) {
    return new Evidence(url, kind, text);
  }
}
