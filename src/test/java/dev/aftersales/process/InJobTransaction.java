package dev.aftersales.process;

import java.util.function.Supplier;

/**
 * Runs a worker's method in one job's transaction, as the job wrapper does in production
 * ({@code JobLogContext}, {@link JobTransactions}): committed when it returns, rolled back when it throws,
 * with what was queued for after the transaction run either way.
 */
public final class InJobTransaction {

  private InJobTransaction() {}

  public static <T> T run(JobTransactions transactions, Supplier<T> worker) {
    transactions.begin();
    T result;
    try {
      result = worker.get();
    } catch (RuntimeException | Error e) {
      transactions.rollback();
      throw e;
    }
    transactions.commit();
    return result;
  }
}
