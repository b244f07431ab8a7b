package dev.aftersales.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.caseview.PersonalData;
import dev.aftersales.models.DeployedModels;
import dev.aftersales.models.DmnDocument;
import dev.aftersales.reports.ReportPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replays a candidate DMN on the inputs the deployed decision received in a period (the timeline's DECISION
 * entries: the decision itself, or a DRD that required it) and compares the outputs. Reads only; nothing is
 * deployed, stored or sent.
 */
@Component
class WhatIfReplay {

  /** Bounds one request's work: evaluations are a few hundred microseconds each. */
  static final int MAX_EVALUATIONS = 5_000;
  static final String CURRENCY = "CNY";
  private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {};
  /** The output that accepts or refuses a return; a flip between refusal and acceptance moves the refund. */
  private static final String ELIGIBILITY = "eligibility";
  private static final String REFUSED = Eligibility.AUTO_REJECT.name();

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;
  private final DeployedModels deployed;

  WhatIfReplay(NamedParameterJdbcTemplate jdbc, ObjectMapper json, DeployedModels deployed) {
    this.jdbc = jdbc;
    // Decimals as BigDecimal, so that money and thresholds compare exactly.
    this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    this.deployed = deployed;
  }

  /** One past evaluation of the decision: the case, when, with which inputs, and what the deployed decision said. */
  private record Past(String caseId, String channel, Instant at, Integer version, Map<String, Object> inputs,
      Object output, List<String> ruleIds) {}

  @Transactional(readOnly = true)
  /** @param masked personal data in the listed inputs masked (every role but AGENT, as on the timeline) */
  WhatIf replay(String decisionId, CandidateDecision candidate, ReportPeriod period, boolean masked) {
    List<Past> past = new ArrayList<>();
    boolean truncated = load(decisionId, period, past);
    Optional<DmnDocument.Decision> deployedDecision = deployed.decision(decisionId);
    DmnDocument.Decision candidateDecision = candidate.document().decision(decisionId);
    List<WhatIf.ChangedCase> changes = new ArrayList<>();
    WhatIf.Money total = WhatIf.Money.NONE;
    int failed = 0;
    for (Past p : past) {
      List<WhatIf.RuleRef> oldRules = p.ruleIds().stream()
          .map(id -> ref(id, deployedDecision.map(d -> d.rule(id)).orElse(null))).toList();
      CandidateDecision.Outcome outcome;
      try {
        outcome = candidate.evaluate(p.inputs());
      } catch (IllegalArgumentException e) {
        failed++;
        changes.add(new WhatIf.ChangedCase(p.caseId(), p.channel(), p.at(), p.version(), shown(p.inputs(), masked), p.output(), null,
            oldRules, List.of(), WhatIf.Money.NONE, e.getMessage()));
        continue;
      }
      Object oldOutput = normalized(p.output());
      Object newOutput = normalized(outcome.output());
      if (!oldOutput.equals(newOutput)) {
        WhatIf.Money impact = impact(p, oldOutput, newOutput);
        total = total.plus(impact);
        changes.add(new WhatIf.ChangedCase(p.caseId(), p.channel(), p.at(), p.version(), shown(p.inputs(), masked), p.output(),
            outcome.output(), oldRules,
            outcome.matchedRuleIds().stream().map(id -> ref(id, candidateDecision.rule(id))).toList(), impact, null));
      }
    }
    return new WhatIf(decisionId, period.from(), period.to(), CURRENCY, past.size(), truncated,
        changes.size() - failed, failed, total, changes);
  }

  /** @return whether the period held more evaluations than {@link #MAX_EVALUATIONS} */
  private boolean load(String decisionId, ReportPeriod period, List<Past> past) {
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("start", Timestamp.from(period.start()))
        .addValue("end", Timestamp.from(period.end()))
        .addValue("decisionId", "%\"" + decisionId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "\"%");
    boolean[] more = {false};
    jdbc.query("""
        SELECT t.case_id, t.occurred_at, t.details, c.channel
        FROM timeline_entry t JOIN after_sales_case c ON c.id = t.case_id
        WHERE t.kind = 'DECISION' AND t.occurred_at >= :start AND t.occurred_at < :end AND t.details LIKE :decisionId
        ORDER BY t.occurred_at, t.id""", params, rs -> {
          if (past.size() >= MAX_EVALUATIONS) {
            more[0] = true;
            return;
          }
          of(decisionId, rs.getString("case_id"), rs.getString("channel"), rs.getTimestamp("occurred_at").toInstant(),
              rs.getString("details")).ifPresent(past::add);
        });
    return more[0];
  }

  /** The entry's own decision, or the part of its DRD with this id; the inputs are the ones the DRD received. */
  private Optional<Past> of(String decisionId, String caseId, String channel, Instant at, String text) {
    Map<String, Object> details;
    try {
      details = json.readValue(text, DETAILS);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (!(details.get("inputs") instanceof Map<?, ?> rawInputs)) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> inputs = (Map<String, Object>) rawInputs;
    if (decisionId.equals(details.get("decisionId"))) {
      return Optional.of(new Past(caseId, channel, at, integer(details.getOrDefault("decisionVersion",
          details.get("version"))), inputs, details.get("output"), ruleIds(details.get("matchedRules"))));
    }
    if (details.get("evaluatedDecisions") instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> p && decisionId.equals(p.get("decisionId"))) {
          return Optional.of(new Past(caseId, channel, at, integer(p.get("version")), inputs, p.get("output"),
              ruleIds(p.get("matchedRules"))));
        }
      }
    }
    return Optional.empty();
  }

  private WhatIf.Money impact(Past p, Object oldOutput, Object newOutput) {
    BigDecimal coupons = couponAmount(newOutput).subtract(couponAmount(oldOutput));
    BigDecimal refunds = BigDecimal.ZERO;
    boolean refusedBefore = refused(oldOutput);
    boolean refusedNow = refused(newOutput);
    if (refusedBefore != refusedNow && eligibility(oldOutput) != null && eligibility(newOutput) != null) {
      BigDecimal stake = refundAtStake(p.caseId());
      refunds = refusedNow ? stake.negate() : stake;
    }
    return new WhatIf.Money(coupons.setScale(2, RoundingMode.HALF_UP), refunds.setScale(2, RoundingMode.HALF_UP));
  }

  /** The refund the case got, else what was paid for the units it claims: what an eligibility flip moves. */
  private BigDecimal refundAtStake(String caseId) {
    BigDecimal stake = jdbc.queryForObject("""
        SELECT COALESCE(
          (SELECT r.amount FROM case_refund r WHERE r.case_id = :caseId AND r.issued_at IS NOT NULL),
          (SELECT SUM(o.paid_amount * l.quantity / o.quantity)
             FROM case_line l JOIN case_order_line o ON o.case_id = l.case_id AND o.sku = l.sku
            WHERE l.case_id = :caseId AND o.quantity > 0))""",
        new MapSqlParameterSource("caseId", caseId), BigDecimal.class);
    return stake == null ? BigDecimal.ZERO : stake;
  }

  /** Sum of the output's numbers whose name mentions a coupon ({@code couponAmount}); 0 when none. */
  private static BigDecimal couponAmount(Object output) {
    BigDecimal sum = BigDecimal.ZERO;
    if (output instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).contains("coupon") && e.getValue() instanceof BigDecimal b) {
          sum = sum.add(b);
        }
      }
    }
    return sum;
  }

  private static Object eligibility(Object output) {
    return output instanceof Map<?, ?> map ? map.get(ELIGIBILITY) : null;
  }

  private static boolean refused(Object output) {
    return REFUSED.equals(eligibility(output));
  }

  /** Numbers as BigDecimal without trailing zeros, so that 10, 10.0 and 10.00 compare equal; null as "null". */
  static Object normalized(Object value) {
    Object plain = value instanceof Number n ? new BigDecimal(n.toString()) : value;
    if (plain instanceof BigDecimal b) {
      return b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
    }
    if (plain instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalized(v)));
      return copy;
    }
    if (plain instanceof List<?> list) {
      return list.stream().map(WhatIfReplay::normalized).toList();
    }
    return plain == null ? "null" : plain;
  }

  private static WhatIf.RuleRef ref(String ruleId, DmnDocument.Rule rule) {
    return new WhatIf.RuleRef(ruleId, rule == null ? null : rule.row(), rule == null ? null : rule.annotation());
  }

  private static List<String> ruleIds(Object matched) {
    List<String> ids = new ArrayList<>();
    if (matched instanceof List<?> list) {
      list.forEach(r -> {
        if (r instanceof Map<?, ?> m && m.get("ruleId") != null) {
          ids.add(m.get("ruleId").toString());
        }
      });
    }
    return ids;
  }

  private static Integer integer(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }

  /** The inputs as the caller may see them; the candidate always evaluates the real ones. */
  private static Map<String, Object> shown(Map<String, Object> inputs, boolean masked) {
    return masked ? PersonalData.masked(inputs) : inputs;
  }
}
