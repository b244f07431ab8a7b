package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order snapshots of the cases (order lines and evidence as taken at intake), by their case's id: loaded through
 * the instance's memory ({@link OrderSnapshotLoading}), saved by statements of their own ({@link OrderSnapshotWriting}).
 */
public interface OrderSnapshotRepository extends CrudRepository<OrderSnapshot, String>, OrderSnapshotLoading,
    OrderSnapshotWriting {

  /** The snapshot as the store holds it now, through the instance's {@link CaseCache} ({@link OrderSnapshotLoading}). */
  @Override
  @Transactional(readOnly = true) // the version and, when not remembered, the row and its lists: one view
  Optional<OrderSnapshot> findById(String caseId);

  /** Stores the snapshot's row and its lists ({@link OrderSnapshotWriting}). */
  @Override
  @Transactional // its row and its lists: all or nothing
  <S extends OrderSnapshot> S save(S snapshot);

  /** The snapshot of a stored case ({@link OrderSnapshotLoading}: a fragment's method, not a default one here). */
  @Override
  @Transactional(readOnly = true) // as findById
  OrderSnapshot require(String caseId);

  /** The snapshot of a case: the one it was just opened with, else the stored one ({@link OrderSnapshotLoading}). */
  @Override
  @Transactional(readOnly = true) // as findById
  OrderSnapshot of(AfterSalesCase c);
}
