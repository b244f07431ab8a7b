package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads a part of a case (an aggregate of its own keyed by the case's id: its order snapshot, its refund) by the
 * case's id: its version as the load of its case read it earlier in the same transaction ({@link CaseCache#versionRead}),
 * else in one primary-key lookup; what the {@link CaseCache} remembers at that version, else read from the store as
 * Spring Data reads it and remembered once the reading transaction commits. With the memory off, as Spring Data reads it.
 *
 * @param <T> the part
 */
final class CasePartLoading<T> {

  private final Class<T> type;
  private final String versionQuery;
  private final RememberedAggregates<T> memory;
  private final JdbcAggregateTemplate aggregates;
  private final JdbcClient jdbc;
  private final CaseCache cache;

  /** @param table the part's table, whose key is the case's id ({@code case_id}) */
  CasePartLoading(Class<T> type, String table, RememberedAggregates<T> memory, JdbcAggregateTemplate aggregates,
      JdbcClient jdbc, CaseCache cache) {
    this.type = type;
    this.versionQuery = "SELECT version FROM " + table + " WHERE case_id = :caseId";
    this.memory = memory;
    this.aggregates = aggregates;
    this.jdbc = jdbc;
    this.cache = cache;
  }

  Optional<T> findById(String caseId) {
    if (!memory.enabled()) {
      return Optional.ofNullable(aggregates.findById(caseId, type));
    }
    Optional<Integer> version = cache.versionReadInThisTransaction(type, caseId).orElseGet(() ->
        jdbc.sql(versionQuery).param("caseId", caseId).query(Integer.class).optional());
    return memory.load(caseId, version, () -> aggregates.findById(caseId, type), part -> part);
  }
}
