package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A refund is saved by statements of its own ({@link RefundWritingImpl}), not by Spring Data's save: a new one by one
 * INSERT, a stored one by one UPDATE with its version check. The row each leaves is the row Spring Data's own insert or
 * update leaves, column by column; a stale refund writes nothing.
 */
class RefundWritingTest extends IntegrationTest {

  private static final Instant ISSUED_AT = Instant.parse("2026-01-02T03:04:05.678Z");

  @Autowired CaseRepository cases;
  @Autowired RefundRepository refunds;
  @Autowired JdbcAggregateTemplate aggregates;
  @Autowired JdbcClient jdbc;

  @Test
  void aNewRefundIsInsertedAndAStoredOneUpdatedAsSpringDataWritesThem() throws Exception {
    String ours = cases.save(CaseSavingTest.newCase()).getId();
    String springData = cases.save(CaseSavingTest.newCase()).getId();

    Refund[] saved = new Refund[1];
    assertThat(CaseSavingTest.statements(() -> saved[0] = refunds.save(everyColumnSet(ours))))
        .containsExactly("INSERT case_refund");
    aggregates.insert(everyColumnSet(springData));
    assertThat(saved[0].version()).as("the refund returned at the version stored").isZero();
    assertThat(withoutKeys(row(ours))).isEqualTo(withoutKeys(row(springData)));

    Refund issued = saved[0].issue("R-OURS", ISSUED_AT).installmentPlanReversed();
    assertThat(CaseSavingTest.statements(() -> saved[0] = refunds.save(issued))).containsExactly("UPDATE case_refund");
    aggregates.update(aggregates.findById(springData, Refund.class).issue("R-OURS", ISSUED_AT)
        .installmentPlanReversed());
    assertThat(saved[0].version()).isEqualTo(1);
    Map<String, Object> written = withoutKeys(row(ours));
    assertThat(written).isEqualTo(withoutKeys(row(springData)));
    assertThat(written).containsEntry("status", "ISSUED").containsEntry("refund_id", "R-OURS")
        .containsEntry("version", 1);
    assertThat(refunds.require(ours)).isEqualTo(saved[0]);
  }

  @Test
  void aStaleRefundWritesNothing() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    Refund calculated = refunds.save(everyColumnSet(id));
    refunds.save(calculated.issue("R-FIRST", ISSUED_AT));

    assertThatThrownBy(() -> refunds.save(calculated.declined()))
        .isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining("is no longer at version 0");
    assertThat(row(id)).containsEntry("status", "ISSUED").containsEntry("refund_id", "R-FIRST")
        .containsEntry("version", 1);
  }

  /** A new refund with a value in every column but the ones only its payment sets. */
  private static Refund everyColumnSet(String caseId) {
    return new Refund(caseId, null, new BigDecimal("199.00"), new BigDecimal("10.50"), new BigDecimal("5.25"),
        new BigDecimal("12.00"), new BigDecimal("195.25"), RefundStatus.CALCULATED, caseId + ":refund", null, false,
        null);
  }

  private Map<String, Object> row(String caseId) {
    return new TreeMap<>(jdbc.sql("SELECT * FROM case_refund WHERE case_id = :id").param("id", caseId).query()
        .singleRow());
  }

  private static Map<String, Object> withoutKeys(Map<String, Object> row) {
    for (String key : List.of("case_id", "idempotency_key")) {
      row.remove(key);
    }
    return row;
  }
}
