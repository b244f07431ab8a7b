package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The refund repository's {@code findById} (a repository fragment, as {@link OrderSnapshotLoadingImpl}): its version as
 * the load of its case read it earlier in the same transaction (the refund's steps load the case first: no statement
 * of its own), else in one primary-key lookup; what the {@link CaseCache} remembers at that version, else read from the
 * store and remembered once the reading transaction commits ({@link CasePartLoading}).
 */
class RefundLoadingImpl implements RefundLoading {

  private final CasePartLoading<Refund> loading;

  RefundLoadingImpl(JdbcAggregateTemplate aggregates, JdbcClient jdbc, CaseCache cache) {
    this.loading = new CasePartLoading<>(Refund.class, "case_refund", cache.refunds, aggregates, jdbc, cache);
  }

  @Override
  public Optional<Refund> findById(String caseId) {
    return loading.findById(caseId);
  }

  @Override
  public Refund require(String caseId) {
    return findById(caseId).orElseThrow(() -> new IllegalStateException("no refund calculated for case " + caseId));
  }
}
