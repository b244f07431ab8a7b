package dev.aftersales.cases;

import java.util.Optional;

/**
 * How {@link RefundRepository} loads a refund by its case's id: through the instance's {@link CaseCache} when the store
 * still holds it at the version remembered ({@link RefundLoadingImpl}), else from the store.
 */
public interface RefundLoading {

  /** The refund as the store holds it now; empty when it holds none for this case. */
  Optional<Refund> findById(String caseId);

  /** The refund a payment step works on; a step reached without one is a defect of the model or the data. */
  Refund require(String caseId);
}
