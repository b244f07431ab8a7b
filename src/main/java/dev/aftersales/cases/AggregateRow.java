package dev.aftersales.cases;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;

/**
 * The columns of an aggregate's own row that a save writes, as Spring Data maps them (its public mapping API: the
 * entity's table, each property's column, its version), read once at start; the INSERT of a new one, and the UPDATE of
 * the columns whose value changed since the row was stored, with the version check. {@link AggregateSaving} uses it for
 * the case, the refund and the order snapshot instead of Spring Data's save, which works out every column's name,
 * conversion and SQL type again on every save (in a profile of the benchmark, a quarter of the application's CPU;
 * docs/benchmarks.md).
 *
 * <p>A column holds a string, a whole number, a boolean, an amount, an instant or an enum (its name), written as
 * Spring Data writes them; any other kind fails at start, so a new field of another kind cannot be written wrongly
 * ({@code CaseRowWritingTest} compares the row with the one Spring Data writes).
 *
 * @param <T> an aggregate with an id and a {@code @Version}
 */
final class AggregateRow<T> {

  /**
   * One column a save writes: its name, the SQL type it is bound with, whether only an insert writes it, and the
   * field it is read from (null when Spring Data reads the property through its accessor).
   */
  private record Column(RelationalPersistentProperty property, String name, int sqlType, boolean insertOnly,
      Field field) {}

  private final RelationalPersistentEntity<T> entity;
  private final List<Column> columns = new ArrayList<>();
  private final RelationalPersistentProperty version;
  private final int idType;
  private final String insert;
  private final String update;
  private final String where;

  @SuppressWarnings("unchecked")
  AggregateRow(RelationalMappingContext mapping, Class<T> type) {
    this.entity = (RelationalPersistentEntity<T>) mapping.getRequiredPersistentEntity(type);
    this.version = entity.getRequiredVersionProperty();
    this.idType = sqlType(entity.getRequiredIdProperty());
    entity.doWithProperties((RelationalPersistentProperty property) -> {
      if (!property.isIdProperty() && !property.isVersionProperty() && property.isWritable()) {
        columns.add(new Column(property, quoted(property.getColumnName().getReference()), sqlType(property),
            property.isInsertOnly(), readableField(property)));
      }
    });
    StringBuilder names = new StringBuilder().append(quoted(entity.getIdColumn().getReference())).append(", ")
        .append(quoted(version.getColumnName().getReference()));
    columns.forEach(column -> names.append(", ").append(column.name()));
    this.insert = "INSERT INTO " + quoted(entity.getTableName().getReference()) + " (" + names + ") VALUES (?, ?"
        + ", ?".repeat(columns.size()) + ")";
    this.update = "UPDATE " + quoted(entity.getTableName().getReference()) + " SET "
        + quoted(version.getColumnName().getReference()) + " = ?";
    this.where = " WHERE " + quoted(entity.getIdColumn().getReference()) + " = ? AND "
        + quoted(version.getColumnName().getReference()) + " = ?";
  }

  private static String quoted(String name) {
    return "`" + name + "`";
  }

  private static int sqlType(RelationalPersistentProperty property) {
    Class<?> type = property.getActualType();
    if (type == String.class || type.isEnum()) {
      return Types.VARCHAR;
    } else if (type == Integer.class || type == int.class) {
      return Types.INTEGER;
    } else if (type == Long.class || type == long.class) {
      return Types.BIGINT;
    } else if (type == Boolean.class || type == boolean.class) {
      return Types.BOOLEAN;
    } else if (type == BigDecimal.class) {
      return Types.DECIMAL;
    } else if (type == Instant.class) {
      return Types.TIMESTAMP;
    }
    throw new IllegalStateException("column " + property.getColumnName().getReference() + " of "
        + property.getOwner().getType().getSimpleName() + " holds a " + type.getName()
        + ", which AggregateRow does not write: add its conversion");
  }

  /**
   * The field a property with field access is read from, made accessible once: read directly, it costs a fraction
   * of Spring Data's generated accessor, which finds the property by its name on every read (in the benchmark's
   * profile 3 % of the application's CPU, two reads of every column per save). Null for property access.
   */
  private static Field readableField(RelationalPersistentProperty property) {
    Field field = property.getField();
    return field != null && !property.usePropertyAccess() && field.trySetAccessible() ? field : null;
  }

  /** The values of the columns a save writes, in their order, as the aggregate holds them. */
  Object[] values(T aggregate) {
    PersistentPropertyAccessor<T> accessor = null;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      Column column = columns.get(i);
      if (column.field() != null) {
        values[i] = read(column.field(), aggregate);
      } else {
        if (accessor == null) {
          accessor = entity.getPropertyAccessor(aggregate);
        }
        values[i] = accessor.getProperty(column.property());
      }
    }
    return values;
  }

  private static Object read(Field field, Object aggregate) {
    try {
      return field.get(aggregate);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("field " + field + " was made accessible at start", e);
    }
  }

  /** The INSERT of a new aggregate: its id, its first version and every column. */
  Statement insert(Object id, int firstVersion, Object[] now) {
    Statement statement = new Statement(insert, columns.size() + 2);
    statement.add(id, idType).add(firstVersion, Types.INTEGER);
    for (int i = 0; i < now.length; i++) {
      statement.add(now[i], columns.get(i).sqlType());
    }
    return statement;
  }

  /**
   * The UPDATE of one saved aggregate: its next version, the columns whose value differs from {@code stored} (all of
   * them when it is null), then the version check.
   */
  Statement update(Object id, int storedVersion, Object[] now, Object[] stored) {
    StringBuilder sql = new StringBuilder(update);
    List<Object> values = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < now.length; i++) {
      Column column = columns.get(i);
      if (!column.insertOnly() && (stored == null || !Objects.equals(now[i], stored[i]))) {
        sql.append(", ").append(column.name()).append(" = ?");
        values.add(now[i]);
        types.add(column.sqlType());
      }
    }
    Statement statement = new Statement(sql.append(where).toString(), values.size() + 3);
    statement.add(storedVersion + 1, Types.INTEGER);
    for (int i = 0; i < values.size(); i++) {
      statement.add(values.get(i), types.get(i));
    }
    return statement.add(id, idType).add(storedVersion, Types.INTEGER);
  }

  /**
   * The aggregate with the version its save stored: the aggregate itself, its version set, when it is mutable; a copy
   * with that version when it is immutable (a record), as Spring Data's save returns it.
   */
  T versionStored(T aggregate, int stored) {
    PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregate);
    accessor.setProperty(version, stored);
    return accessor.getBean();
  }

  /** One statement and the values of its parameters, in their order. */
  static final class Statement {

    private final String sql;
    private final Object[] values;
    private final int[] sqlTypes;
    private int count;

    private Statement(String sql, int parameters) {
      this.sql = sql;
      this.values = new Object[parameters];
      this.sqlTypes = new int[parameters];
    }

    private Statement add(Object value, int sqlType) {
      values[count] = value;
      sqlTypes[count++] = sqlType;
      return this;
    }

    String sql() {
      return sql;
    }

    void bind(PreparedStatement statement) throws SQLException {
      for (int i = 0; i < count; i++) {
        bind(statement, i + 1, values[i], sqlTypes[i]);
      }
    }

    /** As Spring Data binds them: an enum by its name, an instant as a timestamp. */
    private static void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
      switch (value) {
        case null -> statement.setNull(index, sqlType);
        case Enum<?> constant -> statement.setString(index, constant.name());
        case Instant instant -> statement.setTimestamp(index, Timestamp.from(instant));
        default -> statement.setObject(index, value, sqlType);
      }
    }
  }
}
