package dev.aftersales.decisions;

import dev.aftersales.models.DmnDocument;
import dev.aftersales.models.InvalidModelException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * A candidate DMN evaluated by Camunda's standalone DMN engine (dmn-scala, the one the engine embeds), never
 * deployed: the what-if replays it on inputs the deployed decision once received.
 */
final class CandidateDecision {

  /** As the engine configures it, so that names with spaces or dashes read the same variables. */
  private static final DmnEngine ENGINE = new DmnEngine.Builder()
      .escapeNamesWithSpaces(true)
      .escapeNamesWithDashes(true)
      .build();

  /** The candidate's answer: its output (as the engine would hand it over) and the rule ids that matched. */
  record Outcome(Object output, List<String> matchedRuleIds) {}

  private final String decisionId;
  private final ParsedDmn parsed;
  private final DmnDocument document;

  private CandidateDecision(String decisionId, ParsedDmn parsed, DmnDocument document) {
    this.decisionId = decisionId;
    this.parsed = parsed;
    this.document = document;
  }

  /** @throws InvalidModelException naming why the DMN cannot stand in for the decision */
  static CandidateDecision parse(String decisionId, byte[] xml) {
    if (xml == null || xml.length == 0) {
      throw new InvalidModelException("is empty: send the candidate DMN file");
    }
    // Our own hardened parse first: no DTD or entity reaches the engine's parser.
    DmnDocument document = DmnDocument.parse(xml);
    if (document.decision(decisionId) == null) {
      throw new InvalidModelException("has no decision with id " + decisionId + " (it has " + document.decisions().keySet()
          + ")");
    }
    Either<DmnEngine.Failure, ParsedDmn> parsed = ENGINE.parse(new ByteArrayInputStream(xml));
    if (parsed.isLeft()) {
      throw new InvalidModelException("cannot be parsed by the DMN engine: " + parsed.left().get().message());
    }
    return new CandidateDecision(decisionId, parsed.right().get(), document);
  }

  DmnDocument document() {
    return document;
  }

  /** @throws IllegalArgumentException with the engine's reason when the evaluation fails on these inputs */
  Outcome evaluate(Map<String, Object> inputs) {
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result = ENGINE.eval(parsed, decisionId, inputs);
    if (result.isLeft()) {
      throw new IllegalArgumentException(result.left().get().failure().message());
    }
    DmnEngine.EvalResult evaluated = result.right().get();
    List<String> matched = new ArrayList<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(evaluated.auditLog().entries())) {
      if (decisionId.equals(entry.id()) && entry.result() instanceof Audit.DecisionTableEvaluationResult table) {
        CollectionConverters.asJava(table.matchedRules()).forEach(rule -> matched.add(rule.rule().id()));
      }
    }
    Object value = evaluated.value();
    // The engine hands FEEL values over unconverted (its value mapper does not unpack): unpack them here.
    return new Outcome(javaValue(value instanceof Val val ? ValueMapper.defaultValueMapper().unpackVal(val) : value),
        matched);
  }

  /** The engine's Scala or Java value as plain Java: maps, lists, BigDecimal, String, Boolean, null. */
  static Object javaValue(Object value) {
    if (value == null || value instanceof scala.None$) {
      return null;
    }
    if (value instanceof scala.Some<?> some) {
      return javaValue(some.value());
    }
    if (value instanceof scala.math.BigDecimal big) {
      return big.bigDecimal();
    }
    if (value instanceof scala.math.BigInt big) {
      return new BigDecimal(big.bigInteger());
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
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
}
