package dev.aftersales.tasks;

import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an agent's work list shows of each task's case, read straight from the case store: one statement for
 * a whole page of tasks, not the aggregates (which would read their child tables, case by case).
 */
@Repository
class TaskCases {

  /** The case of a task at a glance; its channel also decides who may see the task (docs/security.md). */
  record TaskCase(String caseId, CaseType type, CaseStatus status, String channel, String orderId,
      String customerTier, boolean urgent) {}

  private final JdbcClient jdbc;

  TaskCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The cases of these ids by id; an id the store does not know is left out. */
  Map<String, TaskCase> byId(Collection<String> caseIds) {
    List<String> ids = caseIds.stream().distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
            SELECT id, type, status, channel, order_id, customer_tier, urgent
              FROM after_sales_case WHERE id IN (:ids)""")
        .param("ids", ids)
        .query((rs, row) -> new TaskCase(rs.getString("id"), CaseType.valueOf(rs.getString("type")),
            CaseStatus.valueOf(rs.getString("status")), rs.getString("channel"), rs.getString("order_id"),
            rs.getString("customer_tier"), rs.getBoolean("urgent")))
        .list().stream()
        .collect(Collectors.toMap(TaskCase::caseId, Function.identity()));
  }
}
