package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The snapshot repository's {@code findById} (a repository fragment, as {@link CaseLoadingImpl}): its version in one
 * primary-key lookup, or as the load of its case read it earlier in the same transaction; a copy of what the {@link CaseCache} remembers at that version, else read from the store (its
 * row, then its lists by {@link OrderSnapshotRows}) and remembered once the reading transaction commits.
 */
class OrderSnapshotLoadingImpl implements OrderSnapshotLoading {

  private final JdbcAggregateTemplate aggregates;
  private final JdbcClient jdbc;
  private final CaseCache cache;

  OrderSnapshotLoadingImpl(JdbcAggregateTemplate aggregates, JdbcClient jdbc, CaseCache cache) {
    this.aggregates = aggregates;
    this.jdbc = jdbc;
    this.cache = cache;
  }

  @Override
  public Optional<OrderSnapshot> findById(String caseId) {
    if (!cache.snapshots.enabled()) {
      return Optional.ofNullable(aggregates.findById(caseId, OrderSnapshot.class));
    }
    Optional<Integer> version = cache.snapshotVersionReadInThisTransaction(caseId).orElseGet(() ->
        jdbc.sql("SELECT version FROM case_order_snapshot WHERE case_id = :caseId")
            .param("caseId", caseId).query(Integer.class).optional());
    return cache.snapshots.load(caseId, version, () -> aggregates.findById(caseId, OrderSnapshot.class),
        copy -> copy);
  }
}
