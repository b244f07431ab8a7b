package dev.aftersales.cases;

/**
 * How {@link RefundRepository} saves a refund: a new one by one INSERT, a stored one by one UPDATE with the version
 * check ({@link RefundWritingImpl}).
 */
public interface RefundWriting {

  /**
   * Stores the refund and returns it at the version stored.
   *
   * @throws org.springframework.dao.OptimisticLockingFailureException when the store holds another version of it
   */
  <S extends Refund> S save(S refund);
}
