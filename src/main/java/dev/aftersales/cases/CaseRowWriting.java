package dev.aftersales.cases;

/**
 * How {@link CaseRepository} saves a case: a new one as Spring Data inserts it, a stored one by an UPDATE of the
 * columns that changed with the version check ({@link CaseRowWritingImpl}).
 */
public interface CaseRowWriting {

  /**
   * Stores the case: its row, then its return lines and, for a new case, its order snapshot (the save callbacks).
   *
   * @throws org.springframework.dao.OptimisticLockingFailureException when the store holds another version of it
   */
  <S extends AfterSalesCase> S save(S aCase);
}
