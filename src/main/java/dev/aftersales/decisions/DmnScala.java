package dev.aftersales.decisions;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.FeelExpression;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedInput;
import org.camunda.dmn.parser.ParsedRule;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Camunda's DMN engine (dmn-scala, Apache-2.0: the one the Zeebe engine embeds) in the application, built as Zeebe
 * 8.8 builds it, with its results in the terms the engine hands them over (the client's {@code EvaluatedDecision}):
 * every decision of the DRD that was evaluated, its inputs by name, the rows that matched with their index counted
 * from 1, and values as the engine's JSON carries them (a whole number as an integer, a fraction as a double).
 *
 * <p>The what-if replays a candidate DMN on it ({@link CandidateDecision}); the end listener of a business rule task
 * learns from it which rows of the deployed decision matched ({@link DeployedDecisions}), instead of asking the
 * engine to evaluate the decision a second time.
 */
public final class DmnScala {

  /** As Zeebe 8.8 builds it ({@code DmnScalaDecisionEngine}): the builder's defaults. */
  private static final DmnEngine ENGINE = new DmnEngine.Builder().build();

  /** The engine's input name for an input without a label: its expression, cut at 30 characters. */
  private static final String INPUT_NAME = "%.30s";

  /** A row that matched: its id and its position in the table, counted from 1. */
  public record MatchedRule(String ruleId, int ruleIndex) {}

  /** One decision of the DRD as it was evaluated: the rows that matched, its inputs by name, its output. */
  public record EvaluatedPart(String decisionId, List<MatchedRule> matchedRules, Map<String, Object> inputs,
      Object output) {}

  /** The decision's output (null when no row matched) and every decision evaluated for it, in evaluation order. */
  public record Result(Object output, List<EvaluatedPart> parts) {}

  private DmnScala() {}

  /** @throws IllegalArgumentException with the engine's reason when the DMN cannot be parsed */
  public static ParsedDmn parse(byte[] xml) {
    Either<DmnEngine.Failure, ParsedDmn> parsed = ENGINE.parse(new ByteArrayInputStream(xml));
    if (parsed.isLeft()) {
      throw new IllegalArgumentException(parsed.left().get().message());
    }
    return parsed.right().get();
  }

  /** @throws IllegalArgumentException with the engine's reason when the evaluation fails on these variables */
  public static Result evaluate(ParsedDmn dmn, String decisionId, Map<String, Object> variables) {
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> evaluated = ENGINE.eval(dmn, decisionId, variables);
    if (evaluated.isLeft()) {
      throw new IllegalArgumentException(evaluated.left().get().failure().message());
    }
    DmnEngine.EvalResult result = evaluated.right().get();
    List<EvaluatedPart> parts = new ArrayList<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(result.auditLog().entries())) {
      parts.add(part(entry));
    }
    return new Result(result.isNil() ? null : javaValue(result.value()), parts);
  }

  private static EvaluatedPart part(Audit.AuditLogEntry entry) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    List<MatchedRule> matched = new ArrayList<>();
    if (entry.result() instanceof Audit.DecisionTableEvaluationResult table
        && entry.decisionLogic() instanceof ParsedDecisionTable parsedTable) {
      CollectionConverters.asJava(table.inputs())
          .forEach(input -> inputs.put(inputName(input.input()), javaValue(input.value())));
      List<ParsedRule> rules = CollectionConverters.asJava(parsedTable.rules().toList());
      CollectionConverters.asJava(table.matchedRules())
          .forEach(rule -> matched.add(new MatchedRule(rule.rule().id(), rules.indexOf(rule.rule()) + 1)));
    }
    return new EvaluatedPart(entry.id(), List.copyOf(matched), inputs, javaValue(entry.result().result()));
  }

  private static String inputName(ParsedInput input) {
    if (input.name() != null) {
      return input.name();
    }
    return input.expression() instanceof FeelExpression feel ? INPUT_NAME.formatted(feel.expression().text()) : null;
  }

  /**
   * The engine's value as plain Java, as the engine's JSON carries it: maps, lists, Integer or Long for a whole
   * number, BigDecimal (of the double the engine writes) for a fraction, String, Boolean, null; a date, time or
   * duration as its ISO text.
   */
  static Object javaValue(Object value) {
    if (value instanceof Val val) {
      return javaValue(ValueMapper.defaultValueMapper().unpackVal(val));
    }
    if (value == null || value instanceof scala.None$) {
      return null;
    }
    if (value instanceof scala.Some<?> some) {
      return javaValue(some.value());
    }
    if (value instanceof scala.math.BigDecimal big) {
      return number(big.bigDecimal());
    }
    if (value instanceof scala.math.BigInt big) {
      return number(new BigDecimal(big.bigInteger()));
    }
    if (value instanceof BigDecimal big) {
      return number(big);
    }
    if (value instanceof Number n) {
      return number(new BigDecimal(n.toString()));
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return javaValue(CollectionConverters.asJava(map));
    }
    if (value instanceof scala.collection.Iterable<?> list) {
      return javaValue(CollectionConverters.asJava(list));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), javaValue(v)));
      return copy;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(javaValue(v)));
      return copy;
    }
    return value instanceof Boolean || value instanceof String ? value : value.toString();
  }

  /** A whole number as the engine writes it (an integer), a fraction as the double it writes. */
  private static Object number(BigDecimal number) {
    BigDecimal whole = number.stripTrailingZeros();
    if (whole.scale() <= 0) {
      try {
        long value = whole.longValueExact();
        return value == (int) value ? (Object) (int) value : (Object) value;
      } catch (ArithmeticException tooLarge) {
        return whole.toBigInteger();
      }
    }
    return new BigDecimal(Double.toString(number.doubleValue()));
  }
}
