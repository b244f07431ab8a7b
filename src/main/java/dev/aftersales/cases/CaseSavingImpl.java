package dev.aftersales.cases;

import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.transaction.annotation.Transactional;

/** The repository's {@code save} ({@link CaseSaving}); Spring Data picks it over its own. */
class CaseSavingImpl implements CaseSaving {

  private final JdbcAggregateTemplate aggregates;
  private final DataAccessStrategy rows;
  private final CaseParts parts;
  private final RelationalPersistentEntity<?> entity;
  private final RelationalPersistentProperty version;

  CaseSavingImpl(JdbcAggregateTemplate aggregates, DataAccessStrategy rows, CaseParts parts,
      RelationalMappingContext mapping) {
    this.aggregates = aggregates;
    this.rows = rows;
    this.parts = parts;
    this.entity = mapping.getRequiredPersistentEntity(AfterSalesCase.class);
    this.version = entity.getRequiredVersionProperty();
  }

  @Override
  @Transactional
  public <S extends AfterSalesCase> S save(S aCase) {
    Map<String, Object> stored = aCase.storedParts();
    if (aCase.getVersion() == null || stored == null) { // a new case (or one not read from the store): all its rows
      S saved = aggregates.save(aCase);
      saved.partsStored(parts.of(saved));
      return saved;
    }
    // The case's row first: its version check fails before any child row is written.
    int previous = aCase.getVersion();
    PersistentPropertyAccessor<S> properties = entity.getPropertyAccessor(aCase);
    properties.setProperty(version, previous + 1);
    boolean saved = false;
    try {
      if (!rows.updateWithVersion(aCase, AfterSalesCase.class, previous)) { // Spring Data throws when stale, too
        throw new OptimisticLockingFailureException("Failed to update versioned entity with id '" + aCase.getId()
            + "' (version '" + previous + "') in table after_sales_case: it was changed since it was loaded");
      }
      aCase.partsStored(parts.writeChanged(aCase, stored));
      saved = true;
    } finally {
      if (!saved) { // the transaction rolls back: the case keeps the version it was loaded with
        properties.setProperty(version, previous);
      }
    }
    return aCase;
  }
}
