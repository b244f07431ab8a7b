package dev.aftersales.cases;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The repository's {@code save} ({@link CaseSaving}); Spring Data picks it over its own. */
class CaseSavingImpl implements CaseSaving {

  private final JdbcAggregateTemplate aggregates;
  private final DataAccessStrategy rows;
  private final RelationalPersistentEntity<?> entity;
  private final RelationalPersistentProperty version;

  CaseSavingImpl(JdbcAggregateTemplate aggregates, DataAccessStrategy rows, RelationalMappingContext mapping) {
    this.aggregates = aggregates;
    this.rows = rows;
    this.entity = mapping.getRequiredPersistentEntity(AfterSalesCase.class);
    this.version = entity.getRequiredVersionProperty();
  }

  @Override
  @Transactional
  public <S extends AfterSalesCase> S save(S aCase) {
    if (aCase.getVersion() == null || aCase.partsChanged()) {
      S saved = aggregates.save(aCase);
      saved.partsStored();
      return saved;
    }
    int previous = aCase.getVersion();
    PersistentPropertyAccessor<S> properties = entity.getPropertyAccessor(aCase);
    properties.setProperty(version, previous + 1);
    if (!rows.updateWithVersion(aCase, AfterSalesCase.class, previous)) {
      properties.setProperty(version, previous);
      throw new OptimisticLockingFailureException("Failed to update versioned entity with id '" + aCase.getId()
          + "' (version '" + previous + "') in table after_sales_case: it was changed since it was loaded");
    }
    return aCase;
  }

  /** Every case read from the store remembers its child rows as read. */
  @Component
  static class Loaded implements AfterConvertCallback<AfterSalesCase> {

    @Override
    public AfterSalesCase onAfterConvert(AfterSalesCase aCase) {
      aCase.partsStored();
      return aCase;
    }
  }
}
