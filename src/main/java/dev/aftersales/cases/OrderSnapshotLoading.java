package dev.aftersales.cases;

import java.util.Optional;

/**
 * How {@link OrderSnapshotRepository} loads a snapshot by its case's id: through the instance's {@link CaseCache} when
 * the store still holds it at the version remembered ({@link OrderSnapshotLoadingImpl}), else from the store.
 */
public interface OrderSnapshotLoading {

  /** The snapshot as the store holds it now; empty when it holds none for this case. */
  Optional<OrderSnapshot> findById(String caseId);

  /** The snapshot of a stored case: every opening path stores one with its case. */
  OrderSnapshot require(String caseId);

  /** The snapshot of a case: the one it was just opened with, else the stored one. */
  OrderSnapshot of(AfterSalesCase c);
}
