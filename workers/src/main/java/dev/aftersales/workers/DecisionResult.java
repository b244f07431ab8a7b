package dev.aftersales.workers;

import java.math.BigDecimal;
import java.util.Map;

/** The output columns of the row that decided ({@link DecisionOutcome.Decided}), read by name. */
public final class DecisionResult {

  private final String decisionId;
  private final Map<String, Object> output;

  DecisionResult(String decisionId, Map<String, Object> output) {
    this.decisionId = decisionId;
    this.output = output;
  }

  public Map<String, Object> output() {
    return output;
  }

  public String text(String column) {
    return output.get(column) instanceof String value ? value : null;
  }

  public String requireText(String column) {
    String value = text(column);
    if (value == null) {
      throw missing(column);
    }
    return value;
  }

  public boolean requireBoolean(String column) {
    if (output.get(column) instanceof Boolean value) {
      return value;
    }
    throw missing(column);
  }

  public BigDecimal number(String column) {
    return output.get(column) instanceof Number value ? new BigDecimal(value.toString()) : null;
  }

  public BigDecimal requireNumber(String column) {
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
