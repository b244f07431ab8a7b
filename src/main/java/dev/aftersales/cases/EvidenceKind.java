package dev.aftersales.cases;

/** Kind of evidence a customer attached. */
public enum EvidenceKind {
  PHOTO, VIDEO
}
