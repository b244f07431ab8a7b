package dev.aftersales.reports;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.reports.Figures.Spread;
import dev.aftersales.reports.KpiReport.AutoDecision;
import dev.aftersales.reports.KpiReport.Cases;
import dev.aftersales.reports.KpiReport.CycleTime;
import dev.aftersales.reports.KpiReport.ExceptionOrders;
import dev.aftersales.reports.KpiReport.ExceptionTypeFigures;
import dev.aftersales.reports.KpiReport.Issued;
import dev.aftersales.reports.KpiReport.OutOfStock;
import dev.aftersales.reports.KpiReport.Resale;
import dev.aftersales.reports.KpiReport.ReturnReasonCount;
import dev.aftersales.reports.KpiReport.SlaBreaches;
import dev.aftersales.reports.KpiReport.WarehousePickingErrors;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The KPIs straight from the case store: eight aggregate queries, no aggregate loaded. Percentiles
 * are taken in Java from the fetched durations (one number per case), which MySQL 8 and MariaDB
 * cannot do alike in SQL.
 */
@Component
class KpiQueries {

  static final int CYCLE_GOAL_HOURS = 24;
  static final int TOP_REASONS = 10;
  static final String CURRENCY = "CNY";

  /** The goods come back in these; their eligibility is decided and their reasons ranked. */
  private static final List<String> RETURN_TYPES = names(CaseType.RETURN, CaseType.EXCHANGE);
  private static final List<String> AUTOMATIC = names(Eligibility.AUTO_APPROVE, Eligibility.AUTO_REJECT);
  private static final String REFUNDS = "refunds";
  private static final String COUPONS = "coupons";

  private final NamedParameterJdbcTemplate jdbc;

  KpiQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @param now the report's time: open out-of-stock waits run until then */
  @Transactional(readOnly = true)
  KpiReport report(ReportPeriod period, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource()
        .addValue("start", Timestamp.from(period.start()))
        .addValue("end", Timestamp.from(period.end()))
        .addValue("returnTypes", RETURN_TYPES)
        .addValue("automatic", AUTOMATIC)
        .addValue("review", Eligibility.EVIDENCE_REVIEW.name());
    Opened opened = opened(params);
    List<Long> cycles = cycleTimes(params);
    Spread cycle = Spread.of(cycles);
    long withinGoal = cycles.stream().filter(ms -> ms <= Duration.ofHours(CYCLE_GOAL_HOURS).toMillis()).count();
    Map<String, Issued> issued = issued(params);
    return new KpiReport(period.from(), period.to(), BusinessCalendar.ZONE.getId(), now, CURRENCY,
        new Cases(opened.total(), opened.byType(), opened.byChannel(), cycles.size()),
        new CycleTime(cycle.averageHours(), cycle.p90Hours(), CYCLE_GOAL_HOURS, withinGoal,
            Figures.rate(withinGoal, cycles.size())),
        new AutoDecision(opened.automatic() + opened.byAgent(), opened.automatic(), opened.byAgent(),
            Figures.rate(opened.automatic(), opened.automatic() + opened.byAgent())),
        resale(params),
        issued.get(REFUNDS),
        issued.get(COUPONS),
        pickingErrors(params),
        topReturnReasons(params),
        new SlaBreaches(opened.escalated(), Figures.rate(opened.escalated(), opened.total())),
        outOfStock(params, now),
        exceptionOrders(params));
  }

  /** The cases opened in the period of one type and channel. */
  private record OpenedGroup(CaseType type, String channel, long opened, long escalated, long automatic,
      long byAgent) {}

  /** What the cases opened in the period add up to. */
  private record Opened(long total, Map<String, Long> byType, Map<String, Long> byChannel, long escalated,
      long automatic, long byAgent) {

    static Opened of(List<OpenedGroup> groups) {
      Map<String, Long> byType = new LinkedHashMap<>();
      for (CaseType type : CaseType.values()) {
        byType.put(type.name(), 0L);
      }
      Map<String, Long> byChannel = new TreeMap<>();
      groups.forEach(g -> {
        byType.merge(g.type().name(), g.opened(), Long::sum);
        byChannel.merge(g.channel(), g.opened(), Long::sum);
      });
      return new Opened(sum(groups, OpenedGroup::opened), byType, byChannel, sum(groups, OpenedGroup::escalated),
          sum(groups, OpenedGroup::automatic), sum(groups, OpenedGroup::byAgent));
    }

    private static long sum(List<OpenedGroup> groups, ToLongFunction<OpenedGroup> figure) {
      return groups.stream().mapToLong(figure).sum();
    }
  }

  private Opened opened(MapSqlParameterSource params) {
    return Opened.of(jdbc.query("""
            SELECT type, channel, COUNT(*) AS opened,
                   SUM(CASE WHEN escalated THEN 1 ELSE 0 END) AS escalated,
                   SUM(CASE WHEN type IN (:returnTypes) AND decision IN (:automatic) THEN 1 ELSE 0 END) AS automatic,
                   SUM(CASE WHEN type IN (:returnTypes) AND decision = :review THEN 1 ELSE 0 END) AS by_agent
            FROM after_sales_case
            WHERE requested_at >= :start AND requested_at < :end
            GROUP BY type, channel""", params,
        (rs, n) -> new OpenedGroup(CaseType.valueOf(rs.getString("type")), rs.getString("channel"),
            rs.getLong("opened"), rs.getLong("escalated"), rs.getLong("automatic"), rs.getLong("by_agent"))));
  }

  /** Milliseconds from request to final status of each case closed in the period. */
  private List<Long> cycleTimes(MapSqlParameterSource params) {
    return jdbc.queryForList("""
            SELECT TIMESTAMPDIFF(MICROSECOND, requested_at, closed_at) DIV 1000
            FROM after_sales_case
            WHERE closed_at >= :start AND closed_at < :end""", params, Long.class);
  }

  private Resale resale(MapSqlParameterSource params) {
    Map<Disposition, Long> units = new EnumMap<>(Disposition.class);
    jdbc.query("""
            SELECT l.disposition, SUM(l.quantity) AS units
            FROM case_line l JOIN after_sales_case c ON c.id = l.case_id
            WHERE c.requested_at >= :start AND c.requested_at < :end AND l.disposition IS NOT NULL
            GROUP BY l.disposition""", params,
        rs -> { units.put(Disposition.valueOf(rs.getString("disposition")), rs.getLong("units")); });
    long sellable = units.getOrDefault(Disposition.SELLABLE, 0L);
    long secondHand = units.getOrDefault(Disposition.SECOND_HAND, 0L);
    long received = units.values().stream().mapToLong(Long::longValue).sum();
    return new Resale(received, sellable, secondHand, units.getOrDefault(Disposition.SCRAP, 0L),
        Figures.rate(sellable + secondHand, received));
  }

  /** Refunds and coupons issued in the period, by {@link #REFUNDS} and {@link #COUPONS}. */
  private Map<String, Issued> issued(MapSqlParameterSource params) {
    Map<String, Issued> issued = new LinkedHashMap<>();
    jdbc.query("""
            SELECT :refunds AS what, COUNT(*) AS issued, SUM(amount) AS amount
            FROM case_refund WHERE issued_at >= :start AND issued_at < :end
            UNION ALL
            SELECT :coupons, COUNT(*), SUM(amount)
            FROM case_coupon WHERE issued_at >= :start AND issued_at < :end""",
        with(params, "refunds", REFUNDS).addValue("coupons", COUPONS),
        rs -> {
          issued.put(rs.getString("what"), new Issued(rs.getLong("issued"), Figures.money(rs.getBigDecimal("amount"))));
        });
    return issued;
  }

  private List<WarehousePickingErrors> pickingErrors(MapSqlParameterSource params) {
    return jdbc.query("""
            SELECT warehouse_id, COUNT(*) AS errors,
                   SUM(CASE WHEN status = :upheld THEN 1 ELSE 0 END) AS disputed
            FROM picking_error
            WHERE reported_at >= :start AND reported_at < :end AND status IN (:counted)
            GROUP BY warehouse_id
            ORDER BY errors DESC, warehouse_id""",
        // only errors confirmed by the warehouse or upheld by the dispute review count; a rejected claim never
        with(params, "upheld", PickingErrorStatus.UPHELD.name()).addValue("counted", Arrays.stream(
            PickingErrorStatus.values()).filter(PickingErrorStatus::counts).map(Enum::name).toList()),
        (rs, n) -> new WarehousePickingErrors(rs.getString("warehouse_id"), rs.getLong("errors"),
            rs.getLong("disputed")));
  }

  private List<ReturnReasonCount> topReturnReasons(MapSqlParameterSource params) {
    return jdbc.query("""
            SELECT l.sku, c.channel, COALESCE(c.reason, c.stated_reason) AS return_reason,
                   COUNT(DISTINCT c.id) AS cases
            FROM case_line l JOIN after_sales_case c ON c.id = l.case_id
            WHERE c.requested_at >= :start AND c.requested_at < :end AND c.type IN (:returnTypes)
              AND COALESCE(c.reason, c.stated_reason) IS NOT NULL
            GROUP BY l.sku, c.channel, return_reason
            ORDER BY cases DESC, l.sku, c.channel, return_reason
            LIMIT :top""", with(params, "top", TOP_REASONS),
        (rs, n) -> new ReturnReasonCount(rs.getString("sku"), rs.getString("channel"), rs.getString("return_reason"),
            rs.getLong("cases")));
  }

  /**
   * A wait ends when the shortage says so; a case that closed without saying so ends it at its close,
   * so that it does not keep growing; a case still open waits until {@code now}.
   */
  private OutOfStock outOfStock(MapSqlParameterSource params, Instant now) {
    Map<CaseStatus, Long> outcomes = new EnumMap<>(CaseStatus.class);
    List<Long> waits = new ArrayList<>();
    jdbc.query("""
            SELECT c.status, s.reported_at, COALESCE(s.wait_ended_at, c.closed_at) AS ended_at
            FROM case_shortage s JOIN after_sales_case c ON c.id = s.case_id
            WHERE s.reported_at >= :start AND s.reported_at < :end""", params, rs -> {
          outcomes.merge(CaseStatus.valueOf(rs.getString("status")), 1L, Long::sum);
          Timestamp ended = rs.getTimestamp("ended_at");
          waits.add(Duration.between(rs.getTimestamp("reported_at").toInstant(),
              ended != null ? ended.toInstant() : now).toMillis());
        });
    long shipped = outcomes.getOrDefault(CaseStatus.SHIPPED, 0L);
    long cancelled = outcomes.getOrDefault(CaseStatus.CANCELLED, 0L);
    long substituted = outcomes.getOrDefault(CaseStatus.SUBSTITUTED, 0L);
    Spread wait = Spread.of(waits);
    long open = waits.size() - shipped - cancelled - substituted; // not final yet
    return new OutOfStock(waits.size(), shipped, cancelled, substituted, open, wait.averageHours(), wait.p90Hours(),
        wait.maxHours());
  }

  /** One exception order reported in the period: its type, whether it escalated, when it was resolved. */
  private record ExceptionRow(String type, boolean released, boolean cancelled, boolean escalated, Long resolveMillis) {}

  /** Exception orders reported in the period ({@code requested_at}), by type; resolved = released or cancelled. */
  private ExceptionOrders exceptionOrders(MapSqlParameterSource params) {
    List<ExceptionRow> rows = new ArrayList<>();
    jdbc.query("""
            SELECT e.exception_type, c.requested_at, e.released_at, e.cancelled_at, e.escalated_at
            FROM case_order_exception e JOIN after_sales_case c ON c.id = e.case_id
            WHERE c.requested_at >= :start AND c.requested_at < :end""", params, rs -> {
          Timestamp released = rs.getTimestamp("released_at");
          Timestamp cancelled = rs.getTimestamp("cancelled_at");
          Timestamp resolved = released != null ? released : cancelled;
          rows.add(new ExceptionRow(rs.getString("exception_type"), released != null, released == null && cancelled != null,
              rs.getTimestamp("escalated_at") != null, resolved == null ? null
                  : Duration.between(rs.getTimestamp("requested_at").toInstant(), resolved.toInstant()).toMillis()));
        });
    Map<String, ExceptionTypeFigures> byType = new TreeMap<>();
    rows.stream().map(ExceptionRow::type).distinct().forEach(type -> {
      ExceptionTypeFigures f = figures(rows.stream().filter(r -> r.type().equals(type)).toList());
      byType.put(type, f);
    });
    ExceptionTypeFigures all = figures(rows);
    return new ExceptionOrders(all.reported(), all.released(), all.cancelled(), all.open(), all.escalated(),
        all.averageResolveHours(), all.p90ResolveHours(), byType);
  }

  private static ExceptionTypeFigures figures(List<ExceptionRow> rows) {
    long released = rows.stream().filter(ExceptionRow::released).count();
    long cancelled = rows.stream().filter(ExceptionRow::cancelled).count();
    long escalated = rows.stream().filter(ExceptionRow::escalated).count();
    Spread resolve = Spread.of(rows.stream().map(ExceptionRow::resolveMillis).filter(Objects::nonNull).toList());
    return new ExceptionTypeFigures(rows.size(), released, cancelled, rows.size() - released - cancelled, escalated,
        resolve.averageHours(), resolve.p90Hours());
  }

  /** The period's parameters and one more, for a single query. */
  private static MapSqlParameterSource with(MapSqlParameterSource params, String name, Object value) {
    return new MapSqlParameterSource(params.getValues()).addValue(name, value);
  }

  private static List<String> names(Enum<?>... constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }
}
