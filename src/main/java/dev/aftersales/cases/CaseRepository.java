package dev.aftersales.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

public interface CaseRepository extends ListCrudRepository<AfterSalesCase, String>, CaseLoading, CaseRowWriting {

  /**
   * The case a channel's request opened. Finders return the id and the case is loaded by it: a derived query
   * ({@code findByChannelAndChannelRequestId}) builds its select list anew on every call, which for this aggregate
   * cost about twice the CPU of a whole load by id (docs/benchmarks.md, "Derived queries").
   */
  @Query("SELECT id FROM after_sales_case WHERE channel = :channel AND channel_request_id = :channelRequestId")
  Optional<String> findIdByChannelRequest(String channel, String channelRequestId);

  /** The case whose return parcel has this tracking number. */
  @Query("SELECT id FROM after_sales_case WHERE tracking_number = :trackingNumber")
  Optional<String> findIdByTrackingNumber(String trackingNumber);

  /**
   * The id and the case in one read-only transaction: one view of the store, and one {@code COMMIT} where a lookup
   * outside a transaction switched its connection to auto-commit and back ({@code database.ManualCommitConnections}).
   */
  @Transactional(readOnly = true)
  default Optional<AfterSalesCase> findByChannelRequest(String channel, String channelRequestId) {
    return findIdByChannelRequest(channel, channelRequestId).flatMap(this::findById);
  }

  /** As {@link #findByChannelRequest}: in one read-only transaction. */
  @Transactional(readOnly = true)
  default Optional<AfterSalesCase> findByTrackingNumber(String trackingNumber) {
    return findIdByTrackingNumber(trackingNumber).flatMap(this::findById);
  }

  /** Cases stored whose process has not started yet (the start failed or the app stopped in between). */
  @Query("SELECT id FROM after_sales_case WHERE process_instance_key IS NULL AND created_at < :before"
      + " ORDER BY created_at LIMIT 50")
  List<String> findIdsNotStartedBefore(Instant before);

  /**
   * Locks the row of a case that has no process yet, for the transaction that starts it; empty when
   * it has one by now or another transaction holds the lock (another instance is starting it).
   */
  @Query("SELECT id FROM after_sales_case WHERE id = :caseId AND process_instance_key IS NULL FOR UPDATE SKIP LOCKED")
  Optional<String> lockIfNotStarted(String caseId);

  /**
   * Sets the process instance of a case once; true when the case is bound to {@code key} afterwards, whether by this
   * statement or before (the driver counts the rows the statement found, not only those it changed). A plain
   * statement, not an aggregate save: it neither bumps the version the workers hold nor is overwritten by their saves
   * (the property is read-only).
   */
  @Modifying
  @Query("UPDATE after_sales_case SET process_instance_key = :key"
      + " WHERE id = :caseId AND (process_instance_key IS NULL OR process_instance_key = :key)")
  boolean linkProcessInstance(String caseId, long key);

  /**
   * Binds the case to this process instance unless it is bound already (by the process starter or the instance's
   * start listener, whichever came first), in one transaction: one statement when it is bound to this instance
   * afterwards, a second to read the other instance it is bound to.
   *
   * @return the instance the case is bound to: {@code key}, or another instance started for it before
   */
  @Transactional
  default Optional<Long> bindProcessInstance(String caseId, long key) {
    return linkProcessInstance(caseId, key) ? Optional.of(key) : findProcessInstanceKey(caseId);
  }

  /** The process instance the case is bound to, read alone (one statement, not the aggregate's four). */
  @Query("SELECT process_instance_key FROM after_sales_case WHERE id = :caseId")
  Optional<Long> findProcessInstanceKey(String caseId);

  /**
   * Notes that the case's process was told of its parcel (the engine took its message). A plain statement, not an
   * aggregate save: the column is none of the case's properties, so it neither bumps the version the workers hold
   * nor is overwritten by their saves.
   */
  @Modifying
  @Query("UPDATE after_sales_case SET parcel_told_at = :at WHERE id = :caseId AND parcel_told_at IS NULL")
  void parcelTold(String caseId, Instant at);

  /**
   * Cases whose parcel was recorded before {@code before} and whose process was never told of it: the receipt
   * committed, its message did not follow (the receipt retry's work).
   */
  @Query("SELECT id FROM after_sales_case WHERE parcel_told_at IS NULL AND received_at < :before"
      + " AND status = 'RECEIVED' ORDER BY received_at LIMIT 50")
  List<String> findIdsOfUntoldParcelsBefore(Instant before);

  /**
   * Locks the row of a case whose process was not told of its parcel, for the transaction that tells it; empty when
   * it was told by now or another transaction holds the lock (another instance's retry is telling it).
   */
  @Query("SELECT id FROM after_sales_case WHERE id = :caseId AND parcel_told_at IS NULL FOR UPDATE SKIP LOCKED")
  Optional<String> lockIfParcelUntold(String caseId);

  /** The case opened for a short order line ({@link Shortage#orderLineKey}). */
  @Query("SELECT case_id FROM case_shortage WHERE order_line_key = :orderLineKey")
  Optional<String> findIdByShortageKey(String orderLineKey);

  /** The open case of an exception order ({@link OrderException#openKey}): none once it was resolved. */
  @Query("SELECT case_id FROM case_order_exception WHERE open_key = :openKey")
  Optional<String> findIdByOpenExceptionKey(String openKey);

  /** The case as the store holds it now, through the instance's {@link CaseCache} ({@link CaseLoading}). */
  @Override
  @Transactional(readOnly = true) // the version and, when not remembered, the row and its lists: one view
  Optional<AfterSalesCase> findById(String id);

  /** The case stored: a new one inserted, a stored one by the columns that changed ({@link CaseRowWriting}). */
  @Override
  @Transactional // its row, its lines and, for a new case, its snapshot: all or nothing
  <S extends AfterSalesCase> S save(S aCase);

  /**
   * Loads a case a worker was given; a missing case is a defect, not a business outcome. A method of the loading
   * fragment ({@link CaseLoading}), not a default method here: a default method passes through the repository's proxy
   * twice (its interceptors and a method handle, then again for {@code findById}), and nearly every job loads its case.
   */
  @Override
  @Transactional(readOnly = true) // as findById
  AfterSalesCase require(String caseId);
}
