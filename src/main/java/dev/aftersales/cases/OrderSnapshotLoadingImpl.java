package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The snapshot repository's {@code findById} (a repository fragment, as {@link CaseLoadingImpl}): its version in one
 * primary-key lookup, or as the load of its case read it earlier in the same transaction; a copy of what the
 * {@link CaseCache} remembers at that version, else read from the store (its row, then its lists by
 * {@link OrderSnapshotRows}) and remembered once the reading transaction commits ({@link CasePartLoading}).
 */
class OrderSnapshotLoadingImpl implements OrderSnapshotLoading {

  private final CasePartLoading<OrderSnapshot> loading;

  OrderSnapshotLoadingImpl(JdbcAggregateTemplate aggregates, JdbcClient jdbc, CaseCache cache) {
    this.loading = new CasePartLoading<>(OrderSnapshot.class, "case_order_snapshot", cache.snapshots, aggregates, jdbc,
        cache);
  }

  @Override
  public Optional<OrderSnapshot> findById(String caseId) {
    return loading.findById(caseId);
  }

  @Override
  public OrderSnapshot require(String caseId) {
    return findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
  }

  @Override
  public OrderSnapshot of(AfterSalesCase c) {
    OrderSnapshot opening = c.openingSnapshot();
    return opening != null ? opening : require(c.getId());
  }
}
