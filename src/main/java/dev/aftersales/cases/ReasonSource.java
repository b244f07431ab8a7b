package dev.aftersales.cases;

/** Who said why the goods come back. */
public enum ReasonSource {
  CHANNEL, CLASSIFIER
}
