package dev.aftersales.workers.classification;

import dev.aftersales.cases.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * A keyword classifier: any quality word in the text makes the return QUALITY. Its confidence
 * grows with the number of distinct words found; with none it guesses NO_REASON, less sure when
 * there was no text at all. Good enough to route a queue; the agent sees the guess and its confidence.
 */
final class ReasonClassifier {

  record Guess(Reason reason, BigDecimal confidence, List<String> matchedKeywords) {}

  private final List<String> qualityKeywords;

  ReasonClassifier(List<String> qualityKeywords) {
    this.qualityKeywords = qualityKeywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
  }

  Guess classify(String text) {
    String haystack = text == null ? "" : text.toLowerCase(Locale.ROOT);
    List<String> matched = qualityKeywords.stream().filter(haystack::contains).distinct().toList();
    if (!matched.isEmpty()) {
      return new Guess(Reason.QUALITY, confidence(Math.min(0.6 + 0.1 * matched.size(), 0.95)), matched);
    }
    return new Guess(Reason.NO_REASON, confidence(haystack.isBlank() ? 0.5 : 0.7), matched);
  }

  private static BigDecimal confidence(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
