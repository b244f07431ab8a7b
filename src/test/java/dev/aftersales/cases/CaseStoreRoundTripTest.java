package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a save leaves in memory, and the {@link CaseCache} remembers, is what a load reads back from the store: times
 * and amounts are brought to their columns' precision before they are written ({@link CaseStorePrecision},
 * {@link OrderLine#atStoredScale()}). Every time and amount of the case is set with more digits than its column keeps;
 * a column of another precision, or a new field of a kind the store changes, fails here.
 */
class CaseStoreRoundTripTest extends IntegrationTest {

  private static final Instant NANOS = Instant.parse("2026-12-05T04:49:11.428624450Z");

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired JdbcClient jdbc;

  @Test
  void aSavedCaseInMemoryIsTheCaseTheStoreGivesBack() throws Exception {
    AfterSalesCase aCase = CaseSavingTest.newCase();
    for (Field field : AfterSalesCase.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      field.setAccessible(true);
      if (field.getType() == Instant.class) {
        field.set(aCase, NANOS);
      } else if (field.getType() == BigDecimal.class) {
        field.set(aCase, new BigDecimal("0.123456"));
      }
    }
    String id = cases.save(aCase).getId();

    AfterSalesCase remembered = cases.require(id);
    AfterSalesCase stored = readPastTheCache(id);
    assertThat(remembered).usingRecursiveComparison().ignoringFields("version").isEqualTo(stored);
    assertThat(remembered.getRequestedAt()).isEqualTo(Instant.parse("2026-12-05T04:49:11.428Z"));
    assertThat(remembered.getClassifierConfidence()).isEqualTo(new BigDecimal("0.123"));
    assertThat(remembered.getFreightCost()).isEqualTo(new BigDecimal("0.12"));
  }

  @Test
  void aSnapshotInMemoryIsTheSnapshotTheStoreGivesBack() {
    Instant now = Instant.now();
    List<OrderLine> fromOms = List.of(
        new OrderLine("SKU-A", "A", 1, new BigDecimal("10"), new BigDecimal("10"), false, "6900001"),
        new OrderLine("SKU-B", "B", 3, new BigDecimal("6.665"), new BigDecimal("19.999"), false, "6900002"));
    AfterSalesCase aCase = AfterSalesCase.open(CaseType.RETURN, "TMALL", "REQ-ROUND-" + UUID.randomUUID(),
        "O-ROUND-" + UUID.randomUUID(), Reason.QUALITY, "broken", false, List.of(ReturnLine.requested("SKU-A", 1, null)),
        List.of(), new AfterSalesCase.OrderFacts("C-1", now, now, null, "P-1", PaymentMethod.ALIPAY, null, false,
            "WH-MAIN", fromOms), now);
    String id = cases.save(aCase).getId();
    List<OrderLine> opened = aCase.openingSnapshot().getOrderLines();
    assertThat(opened).extracting(OrderLine::paidAmount)
        .containsExactly(new BigDecimal("10.00"), new BigDecimal("20.00"));
    assertThat(opened).extracting(OrderLine::unitPrice).allSatisfy(price -> assertThat(price.scale()).isEqualTo(2));

    OrderSnapshot remembered = snapshots.require(id);
    jdbc.sql("UPDATE case_order_snapshot SET version = version + 1 WHERE case_id = :id").param("id", id).update();
    OrderSnapshot stored = snapshots.require(id);
    assertThat(remembered.getOrderLines()).isEqualTo(stored.getOrderLines()).isEqualTo(opened);
    assertThat(remembered.getEvidence()).isEqualTo(stored.getEvidence());
  }

  /** The case as Spring Data reads it from the store: at a version this instance does not remember. */
  private AfterSalesCase readPastTheCache(String id) {
    jdbc.sql("UPDATE after_sales_case SET version = version + 1 WHERE id = :id").param("id", id).update();
    return cases.require(id);
  }
}
