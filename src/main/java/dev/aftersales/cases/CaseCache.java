package dev.aftersales.cases;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.stereotype.Component;

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

  public CaseCache(CaseCacheProperties properties, MeterRegistry registry) {
    int max = properties.maxCases();
    this.cases = new RememberedAggregates<>("case", max, AfterSalesCase::getId, AfterSalesCase::getVersion,
        AfterSalesCase::copy, registry);
    this.snapshots = new RememberedAggregates<>("order-snapshot", max, OrderSnapshot::getCaseId,
        OrderSnapshot::getVersion, OrderSnapshot::copy, registry);
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
      cache.snapshots.rememberAfterCommit(saved);
      return saved;
    }
  }
}
