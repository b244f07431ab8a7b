package dev.aftersales.workers.decision;

import java.math.BigDecimal;
import java.util.Map;

/** Reads a decision's output columns from the result variable of its business rule task. */
final class DecisionResult {

  private final String decisionId;
  private final Map<String, Object> output;

  @SuppressWarnings("unchecked")
  DecisionResult(String decisionId, Object result) {
    if (!(result instanceof Map<?, ?>)) {
      throw new IllegalStateException("decision " + decisionId + " gave no result (no rule matched?): " + result);
    }
    this.decisionId = decisionId;
    this.output = (Map<String, Object>) result;
  }

  Map<String, Object> output() {
    return output;
  }

  String text(String column) {
    return output.get(column) instanceof String value ? value : null;
  }

  String requireText(String column) {
    String value = text(column);
    if (value == null) {
      throw missing(column);
    }
    return value;
  }

  boolean requireBoolean(String column) {
    if (output.get(column) instanceof Boolean value) {
      return value;
    }
    throw missing(column);
  }

  BigDecimal number(String column) {
    return output.get(column) instanceof Number value ? new BigDecimal(value.toString()) : null;
  }

  BigDecimal requireNumber(String column) {
    BigDecimal value = number(column);
    if (value == null) {
      throw missing(column);
    }
    return value;
  }

  private IllegalStateException missing(String column) {
    return new IllegalStateException("decision " + decisionId + " gave no " + column + ": " + output);
  }
}
