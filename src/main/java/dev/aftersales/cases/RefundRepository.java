package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refunds of cases, by their case's id: loaded through the instance's memory ({@link RefundLoading}), saved by
 * statements of their own ({@link RefundWriting}).
 */
public interface RefundRepository extends CrudRepository<Refund, String>, RefundLoading, RefundWriting {

  /** The refund as the store holds it now, through the instance's {@link CaseCache} ({@link RefundLoading}). */
  @Override
  @Transactional(readOnly = true) // the version and, when not remembered, the row: one view
  Optional<Refund> findById(String caseId);

  /** Stores the refund by statements of its own ({@link RefundWriting}); returns it at the version stored. */
  @Override
  @Transactional // as Spring Data's save: remembered by the instance once it commits
  <S extends Refund> S save(S refund);

  /** The refund a payment step works on ({@link RefundLoading}: a fragment's method, not a default one here). */
  @Override
  @Transactional(readOnly = true) // as findById
  Refund require(String caseId);
}
