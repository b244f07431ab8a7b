package dev.aftersales.cases;

import static dev.aftersales.cases.CaseSavingTest.newCase;
import static dev.aftersales.cases.CaseSavingTest.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.SqlStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The parts of a case with a life of their own (coupon, picking error, difference payment) are aggregates of
 * their own, keyed by the case's id: saved with Spring Data's plain {@code save}, one row each, their own version
 * catching a stale writer; the case is loaded and saved without them.
 */
class CasePartAggregatesTest extends IntegrationTest {

  @Autowired CaseRepository cases;
  @Autowired DifferencePaymentRepository differencePayments;
  @Autowired CouponRepository coupons;
  @Autowired PickingErrorRepository pickingErrors;
  @Autowired JdbcClient jdbc;

  @Test
  void aNewPartIsInsertedAloneAndAChangedOneUpdatesItsRowAlone() throws Exception {
    AfterSalesCase c = cases.save(newCase());
    DifferencePayment planned = DifferencePayment.planned(c.getId(), new BigDecimal("40.00"), c.getId() + ":dp");

    List<String> inserted = statements(() -> differencePayments.save(planned));
    DifferencePayment stored = differencePayments.findById(c.getId()).orElseThrow();
    List<String> updated = statements(() -> differencePayments.save(
        stored.request("PR-1", "https://pay.example/PR-1", Instant.now())));

    assertThat(inserted).containsExactly("INSERT case_difference_payment");
    assertThat(updated).containsExactly("UPDATE case_difference_payment");
    assertThat(differencePayments.findById(c.getId()).orElseThrow())
        .extracting(DifferencePayment::version, DifferencePayment::paymentRequestId).containsExactly(1, "PR-1");
    assertThat(cases.require(c.getId()).getVersion()).as("the case was not written").isZero();
  }

  @Test
  void aStalePartWritesNothing() throws Exception {
    AfterSalesCase c = cases.save(newCase());
    differencePayments.save(DifferencePayment.planned(c.getId(), new BigDecimal("40.00"), c.getId() + ":dp")
        .request("PR-2", "https://pay.example/PR-2", Instant.now()));
    DifferencePayment closing = differencePayments.findById(c.getId()).orElseThrow();
    DifferencePayment paying = differencePayments.findById(c.getId()).orElseThrow();
    Instant closedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    differencePayments.save(closing.closeWindow(closedAt));

    assertThatThrownBy(() -> differencePayments.save(paying.pay("PAY-1", new BigDecimal("40.00"), Instant.now())))
        .isInstanceOf(OptimisticLockingFailureException.class);

    DifferencePayment stored = differencePayments.findById(c.getId()).orElseThrow();
    assertThat(stored.windowClosedAt()).isEqualTo(closedAt);
    assertThat(stored.paid()).as("the stale payment was not stored").isFalse();
  }

  @Test
  void loadingAndSavingTheCaseLeavesItsPartsAlone() throws Exception {
    AfterSalesCase c = cases.save(newCase());
    coupons.save(Coupon.planned(c.getId(), new BigDecimal("10.00"), BigDecimal.ZERO.setScale(2), "late",
        c.getId() + ":coupon"));
    pickingErrors.save(PickingError.recorded(c.getId(), "WH-MAIN", "SKU-A", c.getId() + ":picking-error",
        Instant.now()));
    differencePayments.save(DifferencePayment.planned(c.getId(), new BigDecimal("40.00"), c.getId() + ":dp"));

    // as another instance would find it after its own change: the load reads the store, past this one's CaseCache
    jdbc.sql("UPDATE after_sales_case SET version = version + 1 WHERE id = :id").param("id", c.getId()).update();
    List<String> loaded = new CopyOnWriteArrayList<>(); // whole statements: a part joined to the case's row shows
    Thread self = Thread.currentThread();
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() == self) {
        loaded.add(s.sql());
      }
    })) {
      cases.require(c.getId());
    }
    AfterSalesCase aCase = cases.require(c.getId());
    aCase.labelCreated("SF-1", "https://labels.example/SF-1.pdf");
    List<String> saved = statements(() -> cases.save(aCase));

    assertThat(loaded).as("the case's version, its row and its return lines, none of its parts").hasSize(3)
        .noneMatch(s -> s.contains("coupon") || s.contains("picking_error") || s.contains("difference_payment"));
    assertThat(saved).as("the case's row alone (its lines did not change), none of its parts")
        .containsExactly("UPDATE after_sales_case");
    assertThat(coupons.findById(c.getId())).isPresent();
    assertThat(pickingErrors.findById(c.getId())).isPresent();
  }
}
