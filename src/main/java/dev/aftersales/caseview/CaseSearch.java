package dev.aftersales.caseview;

import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds cases straight from the case store (two statements: the page and the count), newest first;
 * every filter is served by an index (V11).
 */
@Component
class CaseSearch {

  /** One row of the result: the facts a list shows, not the whole case. */
  record CaseSummary(String caseId, CaseType type, CaseStatus status, String channel, String orderId,
      String customerId, String reason, String decision, boolean urgent, boolean escalated,
      BigDecimal refundAmount, Instant requestedAt, Instant closedAt) {

    CaseSummary masked() {
      return new CaseSummary(caseId, type, status, channel, orderId, PersonalData.MASK, reason, decision, urgent,
          escalated, refundAmount, requestedAt, closedAt);
    }
  }

  record Page(int page, int size, long total, List<CaseSummary> items) {}

  private final NamedParameterJdbcTemplate jdbc;

  CaseSearch(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @param channels the channels the caller may read; null: all */
  @Transactional(readOnly = true)
  Page find(CaseSearchQuery q, Collection<String> channels) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    List<String> where = new ArrayList<>();
    filter(where, params, "c.order_id = :orderId", "orderId", q.orderId());
    filter(where, params, "c.customer_id = :customerId", "customerId", q.customerId());
    filter(where, params, "c.channel = :channel", "channel", q.channel());
    filter(where, params, "c.type = :type", "type", q.type() == null ? null : q.type().name());
    filter(where, params, "c.status = :status", "status", q.status() == null ? null : q.status().name());
    filter(where, params, "c.requested_at >= :start", "start", q.start() == null ? null : Timestamp.from(q.start()));
    filter(where, params, "c.requested_at < :end", "end", q.end() == null ? null : Timestamp.from(q.end()));
    if (channels != null) {
      if (channels.isEmpty()) {
        return new Page(q.page(), q.size(), 0, List.of());
      }
      filter(where, params, "c.channel IN (:channels)", "channels", channels);
    }
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM after_sales_case c" + condition, params, Long.class);
    params.addValue("limit", q.size()).addValue("offset", (long) q.page() * q.size());
    List<CaseSummary> items = total == 0 ? List.of() : jdbc.query("""
        SELECT c.id, c.type, c.status, c.channel, c.order_id, c.customer_id, COALESCE(c.reason, c.stated_reason) AS reason,
               c.decision, c.urgent, c.escalated, c.requested_at, c.closed_at, r.amount AS refund_amount
        FROM after_sales_case c LEFT JOIN case_refund r ON r.case_id = c.id"""
        + condition + " ORDER BY c.requested_at DESC, c.id DESC LIMIT :limit OFFSET :offset", params,
        (rs, n) -> summary(rs));
    return new Page(q.page(), q.size(), total, items);
  }

  private static void filter(List<String> where, MapSqlParameterSource params, String clause, String name, Object value) {
    if (value != null) {
      where.add(clause);
      params.addValue(name, value);
    }
  }

  private static CaseSummary summary(ResultSet rs) throws SQLException {
    return new CaseSummary(rs.getString("id"), CaseType.valueOf(rs.getString("type")),
        CaseStatus.valueOf(rs.getString("status")), rs.getString("channel"), rs.getString("order_id"),
        rs.getString("customer_id"), rs.getString("reason"), rs.getString("decision"), rs.getBoolean("urgent"), rs.getBoolean("escalated"),
        rs.getBigDecimal("refund_amount"), instant(rs.getTimestamp("requested_at")),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
