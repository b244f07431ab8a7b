package dev.aftersales.cases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The refund repository's {@code save} (a repository fragment, as {@link CaseRowWritingImpl} for the case), with
 * statements of its own ({@link AggregateRow}: the columns as Spring Data maps them): a new refund is one INSERT of its
 * row at version 0, a stored one one UPDATE of its columns that moves the version and checks it, so that a stale refund
 * writes nothing and fails with an {@link OptimisticLockingFailureException}, as Spring Data's save does. The callbacks
 * Spring Data's save runs run around it ({@link CaseCache.RefundSaved} remembers the refund saved).
 *
 * <p>Why not Spring Data's save: it works out every column's name, conversion and SQL type again on every save; the
 * refund's two saves of an auto-approved return were about 3.6 % of the application's CPU in the benchmark's profile
 * (docs/benchmarks.md).
 */
class RefundWritingImpl implements RefundWriting {

  private final JdbcTemplate jdbc;
  private final AggregateRow<Refund> row;
  private final EntityCallbacks callbacks;

  RefundWritingImpl(JdbcTemplate jdbc, RelationalMappingContext mapping, BeanFactory beans) {
    this.jdbc = jdbc;
    this.row = new AggregateRow<>(mapping, Refund.class);
    this.callbacks = EntityCallbacks.create(beans);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends Refund> S save(S refund) {
    S converted = callbacks.callback(BeforeConvertCallback.class, refund);
    Object[] now = row.values(converted);
    Integer stored = converted.version();
    Refund saved;
    if (stored == null) {
      AggregateRow.Statement insert = row.insert(converted.caseId(), CaseRowWritingImpl.FIRST_VERSION, now);
      jdbc.update(insert.sql(), insert::bind);
      saved = row.versionStored(converted, CaseRowWritingImpl.FIRST_VERSION);
    } else {
      AggregateRow.Statement update = row.update(converted.caseId(), stored, now, null);
      if (jdbc.update(update.sql(), update::bind) != 1) {
        throw new OptimisticLockingFailureException("the refund of case " + converted.caseId()
            + " is no longer at version " + stored + " in the store: another change saved it first; nothing was "
            + "written");
      }
      saved = row.versionStored(converted, stored + 1);
    }
    return (S) callbacks.callback(AfterSaveCallback.class, saved);
  }
}
