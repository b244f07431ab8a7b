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
 * The cases, order snapshots and refunds this application instance last read or wrote, each with the version the
 * store held it at, so that a step loading one the store still holds at that version gets a copy instead of reading
 * and mapping its row and its lines again ({@link CaseLoadingImpl}, {@link OrderSnapshotLoadingImpl},
 * {@link RefundLoadingImpl}: one statement, the version, instead of two and Spring Data's mapping; none for a part
 * whose version its case's load in the same transaction read).
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
  final RememberedAggregates<Refund> refunds;
  /** The key of this instance's part versions read in the current transaction ({@link #versionRead}). */
  private final Object partVersions = new Object();

  /** A part of a case, an aggregate of its own by the case's id. */
  private record PartOfCase(Class<?> part, String caseId) {}

  public CaseCache(CaseCacheProperties properties, MeterRegistry registry) {
    int max = properties.maxCases();
    this.cases = new RememberedAggregates<>("case", max, AfterSalesCase::getId, AfterSalesCase::getVersion,
        AfterSalesCase::copy, registry);
    this.snapshots = new RememberedAggregates<>("order-snapshot", max, OrderSnapshot::getCaseId,
        OrderSnapshot::getVersion, OrderSnapshot::copy, registry);
    // a refund is an immutable record: what is remembered can be handed out as it is
    this.refunds = new RememberedAggregates<>("refund", max, Refund::caseId, Refund::version, refund -> refund,
        registry);
  }

  /**
   * The version of a part of a case (its order snapshot, its refund: aggregates of their own, by the case's id) the
   * store held when the case was loaded in the current transaction (empty: the store held none): a load of the part
   * later in it reads no version of its own. The part then is as of the case's load, a point in the same transaction,
   * as consistent as a read a moment later and one statement fewer (most steps load both). Nothing outside a
   * transaction; forgotten when the transaction ends, and when it saves the part.
   */
  void versionRead(Class<?> part, String caseId, Optional<Integer> version) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    Map<PartOfCase, Optional<Integer>> read = versionsReadInThisTransaction();
    if (read == null) {
      read = new HashMap<>();
      TransactionSynchronizationManager.bindResource(partVersions, read);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(partVersions);
        }
      });
    }
    read.put(new PartOfCase(part, caseId), version);
  }

  /** The part's version as {@link #versionRead} kept it in this transaction; empty when it kept none. */
  Optional<Optional<Integer>> versionReadInThisTransaction(Class<?> part, String caseId) {
    Map<PartOfCase, Optional<Integer>> read = versionsReadInThisTransaction();
    return read == null ? Optional.empty() : Optional.ofNullable(read.get(new PartOfCase(part, caseId)));
  }

  /** The part versions kept in the current transaction; null when it kept none. */
  @SuppressWarnings("unchecked")
  private Map<PartOfCase, Optional<Integer>> versionsReadInThisTransaction() {
    return (Map<PartOfCase, Optional<Integer>>) TransactionSynchronizationManager.getResource(partVersions);
  }

  /**
   * A part saved in the current transaction: the version its case's load read no longer holds in it, and it is
   * remembered as saved once the transaction commits.
   */
  private <T> T partSaved(Class<T> part, String caseId, RememberedAggregates<T> memory, T saved) {
    Map<PartOfCase, Optional<Integer>> read = versionsReadInThisTransaction();
    if (read != null) {
      read.remove(new PartOfCase(part, caseId));
    }
    memory.rememberAfterCommit(saved);
    return saved;
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
      return cache.partSaved(OrderSnapshot.class, saved.getCaseId(), cache.snapshots, saved);
    }
  }

  /** A saved refund is remembered as saved (its new version) once its transaction commits. */
  @Component
  @Order(Ordered.LOWEST_PRECEDENCE)
  static class RefundSaved implements AfterSaveCallback<Refund> {

    private final CaseCache cache;

    RefundSaved(CaseCache cache) {
      this.cache = cache;
    }

    @Override
    public Refund onAfterSave(Refund saved) {
      return cache.partSaved(Refund.class, saved.caseId(), cache.refunds, saved);
    }
  }
}
