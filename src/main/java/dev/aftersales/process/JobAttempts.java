package dev.aftersales.process;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How often each job failed technically, in the case store (table {@code job_attempt}), so that the
 * retry budget holds across restarts and application instances. The engine's own retries cannot
 * carry it: the models keep the default of 3, and a job failed with a higher count would be
 * indistinguishable from a fresh one.
 */
@Component
public class JobAttempts implements RetryingJobExceptionHandler.FailureCount {

  private final JdbcClient jdbc;
  private final Clock clock;

  public JobAttempts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public int failed(long jobKey) {
    jdbc.sql("""
            INSERT INTO job_attempt (job_key, failed, last_failed_at) VALUES (:key, 1, :now)
            ON DUPLICATE KEY UPDATE failed = failed + 1, last_failed_at = :now""")
        .param("key", jobKey)
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return failedSoFar(jobKey);
  }

  /** 0 for a job that never failed. */
  @Override
  public int failedSoFar(long jobKey) {
    return jdbc.sql("SELECT failed FROM job_attempt WHERE job_key = :key")
        .param("key", jobKey)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }
}
