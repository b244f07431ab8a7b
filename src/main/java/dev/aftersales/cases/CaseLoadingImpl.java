package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repository's {@code findById} (a Spring Data repository fragment, which takes precedence over the base
 * method): reads the case's version and its process instance, the one column written without the version, in one
 * primary-key lookup, with its order snapshot's and its refund's versions, which a load of either in the same
 * transaction then need not read again ({@link CaseCache#versionRead}); a case the {@link CaseCache} remembers at that version is a copy of what it remembers, any other
 * is read from the store as Spring Data reads it ({@link JdbcAggregateTemplate#findById}: its row, then its lines by
 * {@link ReturnLinesStoring}) and remembered once the reading transaction commits.
 */
class CaseLoadingImpl implements CaseLoading {

  /**
   * The case's version and process instance, and the versions of its order snapshot and its refund (most steps load
   * the snapshot with the case, the refund's steps the refund): three primary-key lookups in one statement.
   */
  private static final String CURRENT = "SELECT c.version, c.process_instance_key, s.version AS snapshot_version,"
      + " r.version AS refund_version FROM after_sales_case c LEFT JOIN case_order_snapshot s ON s.case_id = c.id"
      + " LEFT JOIN case_refund r ON r.case_id = c.id WHERE c.id = :id";

  private record Current(int version, Long processInstanceKey, Integer snapshotVersion, Integer refundVersion) {}

  private final JdbcAggregateTemplate aggregates;
  private final JdbcClient jdbc;
  private final CaseCache cache;

  CaseLoadingImpl(JdbcAggregateTemplate aggregates, JdbcClient jdbc, CaseCache cache) {
    this.aggregates = aggregates;
    this.jdbc = jdbc;
    this.cache = cache;
  }

  @Override
  public AfterSalesCase require(String caseId) {
    return findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
  }

  @Override
  public Optional<AfterSalesCase> findById(String id) {
    if (!cache.cases.enabled()) {
      return Optional.ofNullable(aggregates.findById(id, AfterSalesCase.class));
    }
    Optional<Current> current = jdbc.sql(CURRENT).param("id", id)
        .query((row, n) -> new Current(row.getInt("version"), row.getObject("process_instance_key", Long.class),
            row.getObject("snapshot_version", Integer.class), row.getObject("refund_version", Integer.class)))
        .optional();
    current.ifPresent(c -> {
      cache.versionRead(OrderSnapshot.class, id, Optional.ofNullable(c.snapshotVersion()));
      cache.versionRead(Refund.class, id, Optional.ofNullable(c.refundVersion()));
    });
    return cache.cases.load(id, current.map(Current::version), () -> aggregates.findById(id, AfterSalesCase.class),
        copy -> copy.withProcessInstanceKey(current.get().processInstanceKey()));
  }
}
