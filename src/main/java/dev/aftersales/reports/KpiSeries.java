package dev.aftersales.reports;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.Eligibility;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The KPIs per business day (Asia/Shanghai) of a period, for the console's charts: each figure with the same
 * definition as in {@link KpiReport} (docs/kpis.md), on the day its event happened. Rows come back one per case
 * or line and are bucketed here, so that the day is the merchant's whatever the database session's zone.
 */
@Component
class KpiSeries {

  /** One business day. Rates and averages with nothing to measure are null. */
  record Day(LocalDate date, long opened, long closed, BigDecimal cycleAverageHours, BigDecimal cycleP90Hours,
      BigDecimal withinGoalRate, long decided, long automatic, BigDecimal autoDecisionRate, long receivedUnits,
      BigDecimal resaleRate, long escalated, long pickingErrors, BigDecimal refunds, BigDecimal coupons) {}

  record Series(LocalDate from, LocalDate to, String zone, String currency, int cycleGoalHours, List<Day> days) {}

  private static final Set<String> RETURN_TYPES = Set.of(CaseType.RETURN.name(), CaseType.EXCHANGE.name());
  private static final Set<String> AUTOMATIC = Set.of(Eligibility.AUTO_APPROVE.name(), Eligibility.AUTO_REJECT.name());

  /** What is counted per day while reading. */
  private static final class Tally {
    long opened;
    long escalated;
    long decided;
    long automatic;
    long received;
    long resold;
    long pickingErrors;
    final List<Long> cycles = new ArrayList<>();
    BigDecimal refunds = BigDecimal.ZERO;
    BigDecimal coupons = BigDecimal.ZERO;
  }

  private final NamedParameterJdbcTemplate jdbc;

  KpiSeries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  Series series(ReportPeriod period) {
    Map<LocalDate, Tally> days = new TreeMap<>();
    for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
      days.put(d, new Tally());
    }
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("start", Timestamp.from(period.start()))
        .addValue("end", Timestamp.from(period.end()));
    Function<Timestamp, Tally> day = t -> days.get(LocalDate.ofInstant(t.toInstant(), BusinessCalendar.ZONE));
    each("""
        SELECT requested_at, type, decision, escalated FROM after_sales_case
        WHERE requested_at >= :start AND requested_at < :end""", params, rs -> {
          Tally t = day.apply(rs.getTimestamp("requested_at"));
          t.opened++;
          t.escalated += rs.getBoolean("escalated") ? 1 : 0;
          String decision = rs.getString("decision");
          if (RETURN_TYPES.contains(rs.getString("type")) && decision != null
              && (AUTOMATIC.contains(decision) || Eligibility.EVIDENCE_REVIEW.name().equals(decision))) {
            t.decided++;
            t.automatic += AUTOMATIC.contains(decision) ? 1 : 0;
          }
        });
    each("""
        SELECT requested_at, closed_at FROM after_sales_case WHERE closed_at >= :start AND closed_at < :end""",
        params, rs -> day.apply(rs.getTimestamp("closed_at")).cycles.add(
            Duration.between(rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("closed_at").toInstant())
                .toMillis()));
    each("""
        SELECT c.requested_at, l.disposition, l.quantity
        FROM case_line l JOIN after_sales_case c ON c.id = l.case_id
        WHERE c.requested_at >= :start AND c.requested_at < :end AND l.disposition IS NOT NULL""", params, rs -> {
          Tally t = day.apply(rs.getTimestamp("requested_at"));
          long units = rs.getLong("quantity");
          t.received += units;
          t.resold += Disposition.SCRAP.name().equals(rs.getString("disposition")) ? 0 : units;
        });
    each("SELECT reported_at FROM picking_error WHERE reported_at >= :start AND reported_at < :end", params,
        rs -> day.apply(rs.getTimestamp("reported_at")).pickingErrors++);
    each("SELECT issued_at, amount FROM case_refund WHERE issued_at >= :start AND issued_at < :end", params, rs -> {
      Tally t = day.apply(rs.getTimestamp("issued_at"));
      t.refunds = t.refunds.add(rs.getBigDecimal("amount"));
    });
    each("SELECT issued_at, amount FROM case_coupon WHERE issued_at >= :start AND issued_at < :end", params, rs -> {
      Tally t = day.apply(rs.getTimestamp("issued_at"));
      t.coupons = t.coupons.add(rs.getBigDecimal("amount"));
    });
    long goal = Duration.ofHours(KpiQueries.CYCLE_GOAL_HOURS).toMillis();
    List<Day> points = new ArrayList<>();
    days.forEach((date, t) -> {
      Figures.Spread cycle = Figures.Spread.of(t.cycles);
      long withinGoal = t.cycles.stream().filter(ms -> ms <= goal).count();
      points.add(new Day(date, t.opened, t.cycles.size(), cycle.averageHours(), cycle.p90Hours(),
          Figures.rate(withinGoal, t.cycles.size()), t.decided, t.automatic, Figures.rate(t.automatic, t.decided),
          t.received, Figures.rate(t.resold, t.received), t.escalated, t.pickingErrors, Figures.money(t.refunds),
          Figures.money(t.coupons)));
    });
    return new Series(period.from(), period.to(), BusinessCalendar.ZONE.getId(), KpiQueries.CURRENCY,
        KpiQueries.CYCLE_GOAL_HOURS, points);
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private void each(String sql, MapSqlParameterSource params, Row row) {
    jdbc.query(sql, params, rs -> {
      row.accept(rs);
    });
  }
}
