package dev.aftersales.cases;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The cases and order snapshots this application instance last read or wrote, each with the version the store held
 * it at, so that a step loading one the store still holds at that version gets a copy instead of reading and mapping
 * its row and its lines again ({@link CaseLoadingImpl}, {@link OrderSnapshotLoadingImpl}: one statement, the version,
 * instead of two and Spring Data's mapping).
 *
 * <p>It never answers for the store: every load reads the version first, in the loading transaction, and one whose
 * version moved (another instance, another step, a console edit) is read from the store. Nothing is remembered before
 * the transaction that read or wrote it has committed, so a version that was rolled back, and may be taken again by
 * another change, is never remembered. The version is the aggregate's own ({@code @Version}): every change of its row
 * or its lists goes through its save, which moves it and fails on a stale one; the one column written without it, the
 * case's process instance, is read with the version. Each instance has its own memory; the store and its versions
 * are shared (docs/architecture.md, "Loads through the instance's memory").
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after ReturnLinesStoring: a saved case is remembered with its lines as stored
public class CaseCache implements AfterSaveCallback<AfterSalesCase> {

  final RememberedAggregates<AfterSalesCase> cases;
  final RememberedAggregates<OrderSnapshot> snapshots;
  /** The key of this instance's snapshot versions read in the current transaction ({@link #snapshotVersionRead}). */
  private final Object snapshotVersions = new Object();

  public CaseCache(CaseCacheProperties properties, MeterRegistry registry) {
    int max = properties.maxCases();
    this.cases = new RememberedAggregates<>("case", max, AfterSalesCase::getId, AfterSalesCase::getVersion,
        AfterSalesCase::copy, registry);
    this.snapshots = new RememberedAggregates<>("order-snapshot", max, OrderSnapshot::getCaseId,
        OrderSnapshot::getVersion, OrderSnapshot::copy, registry);
  }

  /**
   * The version of a case's order snapshot the store held when the case was loaded in the current transaction: a load
   * of the snapshot later in it reads no version of its own. The snapshot then is as of the case's load, a point in the
   * same transaction, as consistent as a read a moment later and one statement fewer (most steps load both). Nothing
   * outside a transaction; forgotten when the transaction ends, and when it saves the snapshot.
   */
  void snapshotVersionRead(String caseId, Optional<Integer> version) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    Map<String, Optional<Integer>> read = snapshotVersionsOfThisTransaction();
    if (read == null) {
      read = new HashMap<>();
      TransactionSynchronizationManager.bindResource(snapshotVersions, read);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(snapshotVersions);
        }
      });
    }
    read.put(caseId, version);
  }

  /** The snapshot's version as {@link #snapshotVersionRead} kept it in this transaction; empty when it kept none. */
  Optional<Optional<Integer>> snapshotVersionReadInThisTransaction(String caseId) {
    Map<String, Optional<Integer>> read = snapshotVersionsOfThisTransaction();
    return read == null ? Optional.empty() : Optional.ofNullable(read.get(caseId));
  }

  /** The snapshot versions kept in the current transaction; null when it kept none. */
  @SuppressWarnings("unchecked")
  private Map<String, Optional<Integer>> snapshotVersionsOfThisTransaction() {
    return (Map<String, Optional<Integer>>) TransactionSynchronizationManager.getResource(snapshotVersions);
  }

  private void snapshotSaved(String caseId) {
    Map<String, Optional<Integer>> read = snapshotVersionsOfThisTransaction();
    if (read != null) {
      read.remove(caseId);
    }
  }

  /** A saved case is remembered as saved (its lines stored, its new version) once its transaction commits. */
  @Override
  public AfterSalesCase onAfterSave(AfterSalesCase saved) {
    cases.rememberAfterCommit(saved);
    return saved;
  }

  /** A saved snapshot is remembered as saved, after {@link OrderSnapshotRows} stored its lists. */
  @Component
  @Order(Ordered.LOWEST_PRECEDENCE)
  static class SnapshotSaved implements AfterSaveCallback<OrderSnapshot> {

    private final CaseCache cache;

    SnapshotSaved(CaseCache cache) {
      this.cache = cache;
    }

    @Override
    public OrderSnapshot onAfterSave(OrderSnapshot saved) {
      cache.snapshotSaved(saved.getCaseId());
      cache.snapshots.rememberAfterCommit(saved);
      return saved;
    }
  }
}
