package dev.aftersales.cases;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A repository's {@code save} by statements of its own ({@link AggregateRow}: the row's columns as Spring Data maps
 * them), for the repository fragments that replace Spring Data's save ({@link CaseRowWritingImpl},
 * {@link RefundWritingImpl}, {@link OrderSnapshotWritingImpl}): a new aggregate (no version yet) is one INSERT of its row
 * at version 0, as Spring Data gives a new aggregate; a stored one is one UPDATE that moves the version and checks it,
 * so that a stale aggregate writes nothing and fails with an {@link OptimisticLockingFailureException}, as Spring Data's
 * save does. Around the statement run the callbacks Spring Data's save runs: {@link BeforeConvertCallback} before it,
 * {@link AfterSaveCallback} after it (the aggregate's lists, the instance's memory); the product listens to none of
 * Spring Data's save events.
 *
 * <p>Why not Spring Data's save: it works out every column's name, conversion and SQL type, and for an insert the
 * statement itself, again on every save (docs/benchmarks.md: the case's saves were a quarter of the application's CPU
 * in a profile of the benchmark, the refund's two saves and the order snapshot's insert 4 % more).
 *
 * @param <T> an aggregate with an id and a {@code @Version}
 */
final class AggregateSaving<T> {

  /** The version of an aggregate just inserted, as Spring Data gives a new aggregate. */
  static final int FIRST_VERSION = 0;

  private final JdbcTemplate jdbc;
  private final AggregateRow<T> row;
  private final EntityCallbacks callbacks;
  private final String name;
  private final Function<T, Object> id;
  private final Function<T, Integer> version;
  private final Function<T, Object[]> storedRow;
  private final BiConsumer<T, Object[]> rowWritten;

  /**
   * @param name what the aggregate is, for the message of a stale save ("the refund of case")
   * @param storedRow the row as the store holds it, when the aggregate keeps it (null: unknown), so that an update
   *     writes only the columns that changed; every column otherwise
   * @param rowWritten given the saved aggregate and the row's values as written, before the callbacks after the save,
   *     for an aggregate that keeps its row as stored (the next save's {@code storedRow}, without reading its fields
   *     again)
   */
  AggregateSaving(JdbcTemplate jdbc, AggregateRow<T> row, BeanFactory beans, String name, Function<T, Object> id,
      Function<T, Integer> version, Function<T, Object[]> storedRow, BiConsumer<T, Object[]> rowWritten) {
    this.jdbc = jdbc;
    this.row = row;
    this.callbacks = EntityCallbacks.create(beans);
    this.name = name;
    this.id = id;
    this.version = version;
    this.storedRow = storedRow;
    this.rowWritten = rowWritten;
  }

  /** Stores the aggregate and returns it at the version stored (itself when it is mutable). */
  T save(T aggregate) {
    T converted = callbacks.callback(BeforeConvertCallback.class, aggregate);
    Object[] now = row.values(converted);
    Integer stored = version.apply(converted);
    T saved;
    if (stored == null) {
      AggregateRow.Statement insert = row.insert(id.apply(converted), FIRST_VERSION, now);
      jdbc.update(insert.sql(), insert::bind);
      saved = row.versionStored(converted, FIRST_VERSION);
    } else {
      AggregateRow.Statement update = row.update(id.apply(converted), stored, now, storedRow.apply(converted));
      if (jdbc.update(update.sql(), update::bind) != 1) {
        throw new OptimisticLockingFailureException(name + " " + id.apply(converted) + " is no longer at version "
            + stored + " in the store: another change saved it first; nothing was written");
      }
      saved = row.versionStored(converted, stored + 1);
    }
    rowWritten.accept(saved, now);
    return callbacks.callback(AfterSaveCallback.class, saved);
  }
}
