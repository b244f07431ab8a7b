package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.SqlStatements;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Transient;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case is saved by statements of its own ({@link CaseRowWritingImpl}), not by Spring Data's save: a new one by one
 * INSERT, a stored one by one UPDATE of the columns that changed. The row each leaves is the row Spring Data's own
 * insert or update leaves, column by column, whatever the column's kind (a new field of a kind {@link AggregateRow} does not write fails at start, one it writes wrongly
 * fails here).
 */
class CaseRowWritingTest extends IntegrationTest {

  private static final Instant CHANGED_AT = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Set<String> OUTSIDE_THE_AGGREGATE = Set.of("process_instance_key", "parcel_told_at");

  @Autowired CaseRepository cases;
  @Autowired JdbcAggregateTemplate aggregates;
  @Autowired JdbcClient jdbc;

  @Test
  void everyColumnIsWrittenAsSpringDataWritesIt() throws Exception {
    String ours = cases.save(CaseSavingTest.newCase()).getId();
    String springData = cases.save(CaseSavingTest.newCase()).getId();
    Map<String, Object> opened = row(ours);

    AfterSalesCase changedByUs = cases.require(ours);
    changeEveryColumn(changedByUs, "REQ-OURS-" + UUID.randomUUID());
    cases.save(changedByUs);
    AfterSalesCase changedBySpringData = cases.require(springData);
    changeEveryColumn(changedBySpringData, "REQ-SPRING-" + UUID.randomUUID());
    aggregates.update(changedBySpringData);

    Map<String, Object> written = row(ours);
    Map<String, Object> expected = row(springData);
    for (String key : List.of("id", "channel_request_id")) {
      written.remove(key);
      expected.remove(key);
    }
    assertThat(written).isEqualTo(expected);
    List<String> unchanged = new ArrayList<>();
    written.forEach((column, value) -> {
      // columns written by statements of their own, outside the aggregate (CaseRepository#linkProcessInstance,
      // #parcelTold)
      if (!OUTSIDE_THE_AGGREGATE.contains(column) && Objects.equals(value, opened.get(column))) {
        unchanged.add(column);
      }
    });
    assertThat(unchanged).as("columns the change did not reach: the test no longer covers them").isEmpty();
    assertThat(cases.require(ours)).usingRecursiveComparison().ignoringFields("id", "channelRequestId", "storedRow")
        .isEqualTo(cases.require(springData));
  }

  @Test
  void aNewCaseIsInsertedAsSpringDataInsertsIt() throws Exception {
    AfterSalesCase ours = CaseSavingTest.newCase();
    changeEveryColumn(ours, "REQ-OURS-" + UUID.randomUUID());
    AfterSalesCase springData = CaseSavingTest.newCase();
    changeEveryColumn(springData, "REQ-SPRING-" + UUID.randomUUID());

    List<String> sent = statements(() -> cases.save(ours));
    aggregates.insert(springData);

    assertThat(sent.getFirst()).startsWith("INSERT INTO `after_sales_case` (`id`, `version`, ");
    assertThat(ours.getVersion()).isZero();
    Map<String, Object> written = row(ours.getId());
    Map<String, Object> expected = row(springData.getId());
    for (String key : List.of("id", "channel_request_id")) {
      written.remove(key);
      expected.remove(key);
    }
    assertThat(written).isEqualTo(expected);
    assertThat(readPastTheCache(ours.getId())).usingRecursiveComparison()
        .ignoringFields("id", "channelRequestId", "storedRow").isEqualTo(readPastTheCache(springData.getId()));
  }

  @Test
  void aSaveWritesOnlyTheColumnsThatChangedAndMovesTheVersion() throws Exception {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-ROW", "https://labels.example/SF-ROW.pdf");

    List<String> sent = statements(() -> cases.save(loaded));

    assertThat(sent).singleElement().satisfies(sql -> assertThat(sql)
        .startsWith("UPDATE `after_sales_case` SET `version` = ?, ")
        .contains("`tracking_number` = ?", "`label_url` = ?")
        .doesNotContain("`order_id`", "`customer_id`", "`channel`", "`requested_at`")
        .endsWith(" WHERE `id` = ? AND `version` = ?"));
    assertThat(loaded.getVersion()).isEqualTo(1);
    AfterSalesCase stored = readPastTheCache(id);
    assertThat(stored.getTrackingNumber()).isEqualTo("SF-ROW");
    assertThat(stored.getLabelUrl()).isEqualTo("https://labels.example/SF-ROW.pdf");
    assertThat(stored.getOrderId()).isEqualTo(loaded.getOrderId());
  }

  @Test
  void aSaveThatChangedNothingStillMovesTheVersion() throws Exception {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AfterSalesCase loaded = cases.require(id);

    assertThat(statements(() -> cases.save(loaded))).singleElement()
        .isEqualTo("UPDATE `after_sales_case` SET `version` = ? WHERE `id` = ? AND `version` = ?");
    assertThat(readPastTheCache(id).getVersion()).isEqualTo(2); // 1 by the save, 1 by reading past the cache
  }

  /** Sets every column the case's save writes to a value it did not have, as a worker's changes would. */
  private static void changeEveryColumn(AfterSalesCase aCase, String channelRequestId) throws Exception {
    int n = 0;
    for (Field field : AfterSalesCase.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || field.isAnnotationPresent(Transient.class)
          || field.isAnnotationPresent(ReadOnlyProperty.class) || List.of("id", "version").contains(field.getName())) {
        continue;
      }
      field.setAccessible(true);
      Object before = field.get(aCase);
      Class<?> type = field.getType();
      n++;
      Object after;
      if (field.getName().equals("channelRequestId")) {
        after = channelRequestId;
      } else if (type == String.class) {
        after = "Y" + n;
      } else if (type == Integer.class || type == int.class) {
        after = 90 + n;
      } else if (type == Boolean.class || type == boolean.class) {
        after = !Boolean.TRUE.equals(before);
      } else if (type == BigDecimal.class) {
        after = field.getName().equals("classifierConfidence") ? new BigDecimal("0.875") : new BigDecimal(n + ".25");
      } else if (type == Instant.class) {
        after = CHANGED_AT.plusSeconds(n);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        after = constants[before == null ? 0 : (((Enum<?>) before).ordinal() + 1) % constants.length];
      } else {
        throw new AssertionError("field " + field.getName() + " of a kind this test does not change: " + type);
      }
      field.set(aCase, after);
    }
  }

  private Map<String, Object> row(String id) {
    return new TreeMap<>(jdbc.sql("SELECT * FROM after_sales_case WHERE id = :id").param("id", id).query()
        .singleRow());
  }

  /** The case as Spring Data reads it from the store: at a version this instance does not remember. */
  private AfterSalesCase readPastTheCache(String id) {
    jdbc.sql("UPDATE after_sales_case SET version = version + 1 WHERE id = :id").param("id", id).update();
    return cases.require(id);
  }

  /** The statements this thread sent, as sent. */
  private static List<String> statements(ThrowingRunnable action) throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() == self) {
        sent.add(s.sql());
      }
    })) {
      action.run();
    }
    return sent;
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
