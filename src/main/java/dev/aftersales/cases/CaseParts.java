package dev.aftersales.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.InsertSubject;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.convert.JdbcIdentifierBuilder;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.relational.core.conversion.IdValueSource;
import org.springframework.data.relational.core.mapping.AggregatePath;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.stereotype.Component;

/**
 * The child tables of the case aggregate (order lines, return lines, evidence: every entity property of
 * {@link AfterSalesCase} as Spring Data maps it, so a child table added later is covered too). Every case read from the store
 * remembers its child rows as read; {@link #writeChanged} rewrites only the tables whose rows differ
 * from those, with Spring Data's own statements and column mapping.
 */
@Component
class CaseParts implements AfterConvertCallback<AfterSalesCase> {

  private final DataAccessStrategy rows;
  private final JdbcConverter converter;
  private final RelationalPersistentEntity<?> entity;
  private final List<Part> parts = new ArrayList<>();

  /** One child table: the property that holds its rows, as Spring Data addresses it. */
  private record Part(RelationalPersistentProperty property, PersistentPropertyPath<RelationalPersistentProperty> path,
      AggregatePath aggregatePath) {}

  CaseParts(DataAccessStrategy rows, JdbcConverter converter, RelationalMappingContext mapping) {
    this.rows = rows;
    this.converter = converter;
    this.entity = mapping.getRequiredPersistentEntity(AfterSalesCase.class);
    for (RelationalPersistentProperty property : entity) {
      if (property.isEntity() && !property.isEmbedded()) {
        PersistentPropertyPath<RelationalPersistentProperty> path =
            mapping.getPersistentPropertyPath(property.getName(), AfterSalesCase.class);
        parts.add(new Part(property, path, mapping.getAggregatePath(path)));
      }
    }
  }

  /** Every case read from the store remembers its child rows as read. */
  @Override
  public AfterSalesCase onAfterConvert(AfterSalesCase aCase) {
    aCase.partsStored(of(aCase));
    return aCase;
  }

  /** The child rows of a case by property: copies of its lists (their elements are immutable records). */
  Map<String, Object> of(AfterSalesCase aCase) {
    PersistentPropertyAccessor<AfterSalesCase> properties = entity.getPropertyAccessor(aCase);
    Map<String, Object> rowsByPart = new LinkedHashMap<>();
    for (Part part : parts) {
      Object value = properties.getProperty(part.property());
      rowsByPart.put(part.property().getName(), value instanceof List<?> list ? new ArrayList<>(list) : value);
    }
    return rowsByPart;
  }

  /**
   * Deletes and inserts the rows of each child table whose rows differ from {@code stored}; a table
   * that had no rows is not deleted from, one that has none now is not inserted into. Runs after the
   * case's row was updated with its version check, so nobody changed the stored rows since they were read.
   *
   * @return the child rows as stored now
   */
  Map<String, Object> writeChanged(AfterSalesCase aCase, Map<String, Object> stored) {
    Map<String, Object> now = of(aCase);
    for (Part part : parts) {
      String name = part.property().getName();
      if (Objects.equals(now.get(name), stored.get(name))) {
        continue;
      }
      if (!rowsOf(stored.get(name)).isEmpty()) {
        rows.delete(aCase.getId(), part.path());
      }
      insert(aCase.getId(), part, rowsOf(now.get(name)));
    }
    return now;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void insert(String caseId, Part part, List<?> values) {
    if (values.isEmpty()) {
      return;
    }
    List<InsertSubject<Object>> subjects = new ArrayList<>();
    for (int index = 0; index < values.size(); index++) {
      JdbcIdentifierBuilder identifier =
          JdbcIdentifierBuilder.forBackReferences(converter, part.aggregatePath(), caseId);
      if (part.property().isQualified()) { // a list: its index is the key column (line_no, idx)
        identifier = identifier.withQualifier(part.aggregatePath(), index);
      }
      subjects.add(InsertSubject.describedBy(values.get(index), identifier.build()));
    }
    rows.insert(subjects, (Class) part.property().getActualType(), IdValueSource.NONE);
  }

  private static List<?> rowsOf(Object value) {
    return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
  }
}
