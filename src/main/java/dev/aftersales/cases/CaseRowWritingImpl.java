package dev.aftersales.cases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The repository's {@code save} (a Spring Data repository fragment, which takes precedence over the base method),
 * with statements of its own ({@link AggregateRow}: the columns as Spring Data maps them): a new case is one INSERT of
 * its row at version 0; a stored case one UPDATE of the columns whose value changed since it was read or last saved
 * ({@link CaseRowStoring} keeps the row as stored), which moves the version and checks it: a stale case writes nothing
 * and fails with an {@link OptimisticLockingFailureException}, as Spring Data's save does. Around the statement run the
 * callbacks Spring Data's save runs: before it {@link BeforeConvertCallback} ({@link CaseStorePrecision}), after it
 * {@link AfterSaveCallback} (its return lines, {@link ReturnLinesStoring}; a new case's order snapshot,
 * {@link OrderSnapshotStoring}; the row as stored; {@link CaseCache}). The product registers no other callback and no
 * listener of Spring Data's events for the case.
 *
 * <p>Why not Spring Data's save: it works out every column's name, conversion and SQL type, and for an insert the
 * statement itself, again on every save of the case's 50 columns; in a profile of the benchmark that was a quarter of
 * the application's CPU (docs/benchmarks.md, "The case's row written by statements of its own").
 */
class CaseRowWritingImpl implements CaseRowWriting {

  /** The version of a case just inserted, as Spring Data gives a new aggregate. */
  static final int FIRST_VERSION = 0;

  private final JdbcTemplate jdbc;
  private final CaseRowStoring rows;
  private final EntityCallbacks callbacks;

  CaseRowWritingImpl(JdbcTemplate jdbc, CaseRowStoring rows, BeanFactory beans) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.callbacks = EntityCallbacks.create(beans);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends AfterSalesCase> S save(S aCase) {
    S converted = callbacks.callback(BeforeConvertCallback.class, aCase);
    Object[] now = rows.row.values(converted);
    Integer stored = converted.getVersion();
    if (stored == null) {
      AggregateRow.Statement insert = rows.row.insert(converted.getId(), FIRST_VERSION, now);
      jdbc.update(insert.sql(), insert::bind);
      rows.row.versionStored(converted, FIRST_VERSION);
    } else {
      AggregateRow.Statement update = rows.row.update(converted.getId(), stored, now, converted.storedRow());
      if (jdbc.update(update.sql(), update::bind) != 1) {
        throw new OptimisticLockingFailureException("case " + converted.getId() + " is no longer at version "
            + stored + " in the store: another change saved it first; nothing was written");
      }
      rows.row.versionStored(converted, stored + 1);
    }
    return callbacks.callback(AfterSaveCallback.class, converted);
  }
}
