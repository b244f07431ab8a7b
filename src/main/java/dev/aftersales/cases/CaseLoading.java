package dev.aftersales.cases;

import java.util.Optional;

/**
 * How {@link CaseRepository} loads a case by id: through the instance's {@link CaseCache} when the store still holds
 * the case at the version remembered ({@link CaseLoadingImpl}), else from the store.
 */
public interface CaseLoading {

  /** The case as the store holds it now; empty when it holds none with this id. */
  Optional<AfterSalesCase> findById(String id);

  /** Loads a case a worker was given; a missing case is a defect, not a business outcome. */
  AfterSalesCase require(String caseId);
}
