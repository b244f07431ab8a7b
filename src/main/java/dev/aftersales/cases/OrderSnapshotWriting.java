package dev.aftersales.cases;

/**
 * How {@link OrderSnapshotRepository} saves a snapshot: its row (its case's id and its version) by one INSERT or one
 * UPDATE with the version check ({@link OrderSnapshotWritingImpl}), then its lists ({@link OrderSnapshotRows}).
 */
public interface OrderSnapshotWriting {

  /**
   * Stores the snapshot.
   *
   * @throws org.springframework.dao.OptimisticLockingFailureException when the store holds another version of it
   */
  <S extends OrderSnapshot> S save(S snapshot);
}
