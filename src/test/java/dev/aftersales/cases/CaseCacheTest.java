package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.IntegrationTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case the instance remembers ({@link CaseCache}) is loaded with one statement, its version, and is what the store
 * holds: a change made elsewhere (another instance: here a write the instance never saw) is read from the store, a
 * save that was rolled back is never remembered, the process instance written without the version is read fresh, and
 * a copy handed out shares nothing with what is remembered. The version check of the save still refuses a stale copy.
 */
class CaseCacheTest extends IntegrationTest {

  /** A load of a remembered case: the version and the process instance, one primary-key lookup. */
  private static final List<String> REMEMBERED_LOAD = List.of("SELECT after_sales_case");

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired RefundRepository refunds;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void aCaseSavedByThisInstanceIsLoadedWithOneStatementAsStored() throws Exception {
    AfterSalesCase opened = CaseSavingTest.newCase();
    String id = cases.save(opened).getId();

    AfterSalesCase[] loaded = new AfterSalesCase[1];
    assertThat(CaseSavingTest.statements(() -> loaded[0] = cases.require(id))).isEqualTo(REMEMBERED_LOAD);
    assertThat(loaded[0]).usingRecursiveComparison().ignoringFields("openingSnapshot").isEqualTo(opened);

    loaded[0].labelCreated("SF-C1", "https://labels.example/SF-C1.pdf");
    loaded[0].updateLine(0, line -> line.received("6900001", Grade.NEW));
    cases.save(loaded[0]);
    AfterSalesCase again = cases.require(id);
    assertThat(again.getVersion()).isEqualTo(1);
    assertThat(again.getTrackingNumber()).isEqualTo("SF-C1");
    assertThat(again.getLines()).isEqualTo(loaded[0].getLines());
    assertThat(readFromStore(id)).usingRecursiveComparison().ignoringFields("version").isEqualTo(again);
  }

  @Test
  void aCopyHandedOutSharesNothingWithWhatIsRemembered() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AfterSalesCase first = cases.require(id);
    first.labelCreated("SF-UNSAVED", "https://labels.example/SF-UNSAVED.pdf");
    first.updateLine(0, line -> line.received("6900001", Grade.DAMAGED));

    AfterSalesCase second = cases.require(id);
    assertThat(second.getTrackingNumber()).as("a change never saved").isNull();
    assertThat(second.getLines()).hasSize(2).allSatisfy(line -> assertThat(line.grade()).isNull());
  }

  @Test
  void aChangeTheInstanceNeverSawIsReadFromTheStore() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    cases.require(id); // remembered at version 0

    // another instance moved the case on: its save moved the version
    jdbc.sql("UPDATE after_sales_case SET tracking_number = 'SF-ELSEWHERE', version = version + 1 WHERE id = :id")
        .param("id", id).update();
    jdbc.sql("UPDATE case_line SET grade = 'NEW' WHERE case_id = :id AND line_no = 0").param("id", id).update();

    AfterSalesCase loaded = cases.require(id);
    assertThat(loaded.getVersion()).isEqualTo(1);
    assertThat(loaded.getTrackingNumber()).isEqualTo("SF-ELSEWHERE");
    assertThat(loaded.getLines().get(0).grade()).isEqualTo(Grade.NEW);
  }

  @Test
  void aSaveThatWasRolledBackIsNeverRemembered() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      AfterSalesCase loaded = cases.require(id);
      loaded.labelCreated("SF-ROLLED-BACK", "https://labels.example/SF-ROLLED-BACK.pdf");
      cases.save(loaded); // version 1, never committed
      assertThat(cases.require(id).getTrackingNumber()).as("the transaction reads its own write")
          .isEqualTo("SF-ROLLED-BACK");
      throw new IllegalStateException("the step failed after its save");
    })).hasMessage("the step failed after its save");

    // the store's version 1 is now another change, made by another instance
    jdbc.sql("UPDATE after_sales_case SET tracking_number = 'SF-COMMITTED', version = 1 WHERE id = :id")
        .param("id", id).update();

    AfterSalesCase loaded = cases.require(id);
    assertThat(loaded.getVersion()).isEqualTo(1);
    assertThat(loaded.getTrackingNumber()).isEqualTo("SF-COMMITTED");
  }

  @Test
  void theProcessInstanceLinkedWithoutTheVersionIsReadFresh() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    assertThat(cases.require(id).getProcessInstanceKey()).isNull();

    assertThat(cases.bindProcessInstance(id, 4711L)).contains(4711L);

    AfterSalesCase loaded = cases.require(id);
    assertThat(loaded.getVersion()).as("linking does not move the version").isZero();
    assertThat(loaded.getProcessInstanceKey()).isEqualTo(4711L);
  }

  /**
   * The process starter binds the case, then the instance's start listener binds it again: one statement for the
   * second, which finds the case bound to its instance; a second instance learns the first's key and binds nothing.
   */
  @Test
  void bindingAgainToTheSameInstanceIsOneStatementAndAnotherInstanceIsRefused() throws Exception {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    assertThat(cases.bindProcessInstance(id, 4711L)).contains(4711L);

    @SuppressWarnings("unchecked")
    Optional<Long>[] again = new Optional[1];
    assertThat(CaseSavingTest.statements(() -> again[0] = cases.bindProcessInstance(id, 4711L)))
        .isEqualTo(List.of("UPDATE after_sales_case"));
    assertThat(again[0]).contains(4711L);

    assertThat(CaseSavingTest.statements(() -> again[0] = cases.bindProcessInstance(id, 4712L)))
        .isEqualTo(List.of("UPDATE after_sales_case", "SELECT after_sales_case"));
    assertThat(again[0]).as("the instance the case is bound to").contains(4711L);
    assertThat(cases.require(id).getProcessInstanceKey()).isEqualTo(4711L);
  }

  @Test
  void aStaleCopyIsStillRefusedByTheVersionCheck() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AfterSalesCase first = cases.require(id);
    AfterSalesCase stale = cases.require(id);
    first.labelCreated("SF-FIRST", "https://labels.example/SF-FIRST.pdf");
    cases.save(first);

    stale.labelCreated("SF-STALE", "https://labels.example/SF-STALE.pdf");
    assertThatThrownBy(() -> cases.save(stale)).isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining(id);
    assertThat(stale.getVersion()).as("the stale case keeps the version it was read at").isZero();
    assertThat(cases.require(id).getTrackingNumber()).isEqualTo("SF-FIRST");
  }

  @Test
  void aCaseTheStoreNoLongerHoldsIsNotFound() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    cases.require(id);
    jdbc.sql("DELETE FROM case_line WHERE case_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM case_order_line WHERE case_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM case_evidence WHERE case_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM case_order_snapshot WHERE case_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM timeline_entry WHERE case_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM after_sales_case WHERE id = :id").param("id", id).update();

    assertThat(cases.findById(id)).isEmpty();
  }

  @Test
  void aSnapshotIsLoadedWithOneStatementAndAChangeElsewhereIsReadFromTheStore() throws Exception {
    AfterSalesCase opened = CaseSavingTest.newCase();
    String id = cases.save(opened).getId();

    OrderSnapshot[] loaded = new OrderSnapshot[1];
    assertThat(CaseSavingTest.statements(() -> loaded[0] = snapshots.require(id)))
        .containsExactly("SELECT case_order_snapshot");
    assertThat(loaded[0].getOrderLines()).isEqualTo(opened.openingSnapshot().getOrderLines());
    assertThat(loaded[0].getEvidence()).isEqualTo(opened.openingSnapshot().getEvidence());

    loaded[0].evidenceRead(0, "read here");
    snapshots.save(loaded[0]);
    assertThat(snapshots.require(id).getEvidence().get(0).ocrText()).isEqualTo("read here");

    // another instance read the photo again
    jdbc.sql("UPDATE case_evidence SET ocr_text = 'read elsewhere' WHERE case_id = :id").param("id", id).update();
    jdbc.sql("UPDATE case_order_snapshot SET version = version + 1 WHERE case_id = :id").param("id", id).update();
    OrderSnapshot again = snapshots.require(id);
    assertThat(again.getVersion()).isEqualTo(2);
    assertThat(again.getEvidence().get(0).ocrText()).isEqualTo("read elsewhere");
  }

  @Test
  void aSnapshotLoadedAfterItsCaseInOneTransactionReadsNoVersionOfItsOwn() throws Exception {
    AfterSalesCase opened = CaseSavingTest.newCase();
    String id = cases.save(opened).getId();
    snapshots.require(id); // remembered at version 0

    OrderSnapshot[] loaded = new OrderSnapshot[1];
    List<String> sent = CaseSavingTest.statements(() -> transaction.execute(status -> {
      cases.require(id);
      return loaded[0] = snapshots.require(id);
    }));

    assertThat(sent).as("the case's version and its snapshot's, one statement").isEqualTo(REMEMBERED_LOAD);
    assertThat(loaded[0].getOrderLines()).isEqualTo(opened.openingSnapshot().getOrderLines());
    assertThat(CaseSavingTest.statements(() -> snapshots.require(id)))
        .as("outside that transaction the snapshot reads its version again")
        .containsExactly("SELECT case_order_snapshot");
  }

  @Test
  void aSnapshotSavedAfterItsCaseWasLoadedIsReadAsSavedInTheSameTransaction() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    snapshots.require(id); // remembered at version 0

    OrderSnapshot reread = transaction.execute(status -> {
      cases.require(id); // keeps the snapshot's version 0 for this transaction
      OrderSnapshot snapshot = snapshots.require(id);
      snapshot.evidenceRead(0, "read in this transaction");
      snapshots.save(snapshot);
      return snapshots.require(id);
    });

    assertThat(reread.getVersion()).isEqualTo(1);
    assertThat(reread.getEvidence().get(0).ocrText()).isEqualTo("read in this transaction");
  }

  @Test
  void aRefundLoadedAfterItsCaseInOneTransactionReadsNoStatementOfItsOwn() throws Exception {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    refunds.save(aRefundOf(id, "94.50")); // remembered at version 0

    Refund[] loaded = new Refund[1];
    List<String> sent = CaseSavingTest.statements(() -> transaction.execute(status -> {
      cases.require(id);
      return loaded[0] = refunds.require(id);
    }));

    assertThat(sent).as("the case's version with its refund's, one statement").isEqualTo(REMEMBERED_LOAD);
    assertThat(loaded[0].amount()).isEqualByComparingTo("94.50");
    assertThat(loaded[0].version()).isZero();
    assertThat(CaseSavingTest.statements(() -> refunds.require(id)))
        .as("outside that transaction the refund reads its version again")
        .containsExactly("SELECT case_refund");
  }

  @Test
  void aCaseWithoutARefundFindsNoneWithoutAStatementOfItsOwn() throws Exception {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    cases.require(id);

    Object[] found = new Object[1];
    List<String> sent = CaseSavingTest.statements(() -> transaction.execute(status -> {
      cases.require(id);
      return found[0] = refunds.findById(id);
    }));

    assertThat(sent).isEqualTo(REMEMBERED_LOAD);
    assertThat(found[0]).isEqualTo(java.util.Optional.empty());
  }

  @Test
  void aRefundChangedElsewhereIsReadFromTheStoreAndOneSavedInTheTransactionAsSaved() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    refunds.save(aRefundOf(id, "94.50"));
    // another instance issued it
    jdbc.sql("UPDATE case_refund SET status = 'ISSUED', refund_id = 'R-ELSEWHERE', version = version + 1"
        + " WHERE case_id = :id").param("id", id).update();

    Refund elsewhere = transaction.execute(status -> {
      cases.require(id);
      return refunds.require(id);
    });
    assertThat(elsewhere.version()).isEqualTo(1);
    assertThat(elsewhere.refundId()).isEqualTo("R-ELSEWHERE");

    Refund reread = transaction.execute(status -> {
      cases.require(id); // keeps the refund's version 1 for this transaction
      refunds.save(refunds.require(id).issuedManually("BANK-1", java.time.Instant.now()));
      return refunds.require(id);
    });
    assertThat(reread.version()).isEqualTo(2);
    assertThat(reread.refundId()).isEqualTo("BANK-1");
    assertThatThrownBy(() -> refunds.save(elsewhere.declined()))
        .as("a stale refund is still refused by its version check")
        .isInstanceOf(OptimisticLockingFailureException.class);
  }

  private static Refund aRefundOf(String caseId, String amount) {
    java.math.BigDecimal none = java.math.BigDecimal.ZERO.setScale(2);
    java.math.BigDecimal due = new java.math.BigDecimal(amount);
    return Refund.calculated(caseId, new RefundCalculation.Breakdown(due, none, none, none, due), caseId + ":refund");
  }

  /** The case as Spring Data reads it from the store, past the cache (at a version it does not remember). */
  private AfterSalesCase readFromStore(String id) {
    jdbc.sql("UPDATE after_sales_case SET version = version + 1 WHERE id = :id").param("id", id).update();
    try {
      return cases.require(id);
    } finally {
      jdbc.sql("UPDATE after_sales_case SET version = version - 1 WHERE id = :id").param("id", id).update();
    }
  }
}
