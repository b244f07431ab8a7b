package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The repository's {@code findById} (a Spring Data repository fragment, which takes precedence over the base
 * method): reads the case's version and its process instance, the one column written without the version, in one
 * primary-key lookup; a case the {@link CaseCache} remembers at that version is a copy of what it remembers, any other
 * is read from the store as Spring Data reads it ({@link JdbcAggregateTemplate#findById}: its row, then its lines by
 * {@link ReturnLinesStoring}) and remembered once the reading transaction commits.
 */
class CaseLoadingImpl implements CaseLoading {

  private static final String CURRENT = "SELECT version, process_instance_key FROM after_sales_case WHERE id = :id";

  private record Current(int version, Long processInstanceKey) {}

  private final JdbcAggregateTemplate aggregates;
  private final JdbcClient jdbc;
  private final CaseCache cache;

  CaseLoadingImpl(JdbcAggregateTemplate aggregates, JdbcClient jdbc, CaseCache cache) {
    this.aggregates = aggregates;
    this.jdbc = jdbc;
    this.cache = cache;
  }

  @Override
  public Optional<AfterSalesCase> findById(String id) {
    if (!cache.cases.enabled()) {
      return Optional.ofNullable(aggregates.findById(id, AfterSalesCase.class));
    }
    Optional<Current> current = jdbc.sql(CURRENT).param("id", id)
        .query((row, n) -> new Current(row.getInt("version"), row.getObject("process_instance_key", Long.class)))
        .optional();
    return cache.cases.load(id, current.map(Current::version), () -> aggregates.findById(id, AfterSalesCase.class),
        copy -> copy.withProcessInstanceKey(current.get().processInstanceKey()));
  }
}
