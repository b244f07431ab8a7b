package dev.aftersales.process;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One database transaction per job: what a worker writes while handling a job — the case, its timeline
 * entries, the job's attempt row — commits together when the worker returns, before the engine is told
 * that the job completed, or not at all. A job that fails leaves nothing behind but its failure (counted
 * after the rollback, {@link JobAttempts}); its retry finds the case as it was and makes the same calls
 * with the same idempotency keys. The transaction is opened by the job's wrapper ({@link JobLogContext}),
 * committed by the result processor (the starter calls it after the worker returned, before it sends the
 * completion) or, for a BPMN error (a business outcome the worker recorded), by the exception handler, and
 * rolled back in every other case.
 *
 * <p>Two kinds of work must not happen inside it: telling the engine something other workers then act on
 * (they would read the case before the commit), which goes to {@link #afterCommit}; and records that must
 * survive a rollback (a failed call to a surrounding system, for the auditor), which go to
 * {@link #afterCompletion}.
 */
@Component
public class JobTransactions {

  private static final Logger log = LoggerFactory.getLogger(JobTransactions.class);

  private final PlatformTransactionManager transactions;
  private final ThreadLocal<Open> current = new ThreadLocal<>();

  /** The job's transaction and what runs once it ended, outside of it. */
  private record Open(TransactionStatus status, List<Runnable> afterCompletion) {}

  public JobTransactions(PlatformTransactionManager transactions) {
    this.transactions = transactions;
  }

  void begin() {
    if (current.get() != null) {
      throw new IllegalStateException("a job's transaction is open on this thread already");
    }
    current.set(new Open(transactions.getTransaction(new DefaultTransactionDefinition()), new ArrayList<>()));
  }

  /**
   * As {@link #begin}; false when the case store cannot be reached. The job then runs without one: its
   * first statement fails inside the worker, where the retry handler rides out an outage of the store
   * ({@link RetryingJobExceptionHandler}) instead of the client using up the job's retries.
   */
  boolean tryBegin() {
    try {
      begin();
      return true;
    } catch (TransactionException e) {
      log.debug("No transaction for the job, the case store is away: {}", e.getMessage());
      return false;
    }
  }

  /** Commits the job's writes; nothing when none is open (a worker outside the job wrapper, or ended). */
  void commit() {
    Open open = current.get();
    if (open == null) {
      return;
    }
    current.remove();
    try {
      transactions.commit(open.status());
    } finally {
      runAfterCompletion(open);
    }
  }

  /**
   * Undoes the job's writes; nothing when none is open. A rollback that fails (the connection was dropped)
   * is only logged: the server discards what it did not commit, and the job's failure is what counts.
   */
  void rollback() {
    Open open = current.get();
    if (open == null) {
      return;
    }
    current.remove();
    try {
      if (!open.status().isCompleted()) {
        transactions.rollback(open.status());
      }
    } catch (TransactionException e) {
      log.warn("The job's transaction could not be rolled back: {}", e.getMessage());
    } finally {
      runAfterCompletion(open);
    }
  }

  /**
   * Runs {@code work} once the job's writes are committed (and not at all when they are rolled back); at
   * once outside a transaction. A failure there fails the job, which is retried: the work must be
   * idempotent (a message with its message id, a command the engine refuses twice).
   */
  public void afterCommit(Runnable work) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      work.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        work.run();
      }
    });
  }

  /**
   * Runs {@code work} after the job's transaction ended, committed or rolled back, in a transaction of its
   * own; at once when no job's transaction is open. For records that must outlive a failed job.
   */
  public void afterCompletion(Runnable work) {
    Open open = current.get();
    if (open == null) {
      work.run();
    } else {
      open.afterCompletion().add(work);
    }
  }

  private static void runAfterCompletion(Open open) {
    for (Runnable work : open.afterCompletion()) {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.warn("Not recorded after the job's transaction: {}", e.getMessage());
      }
    }
  }
}
