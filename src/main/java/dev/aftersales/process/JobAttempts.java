package dev.aftersales.process;

import io.camunda.client.api.response.ActivatedJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How often each job failed technically, in the case store (table {@code job_attempt}), so that the
 * retry budget holds across restarts and application instances. The engine's own retries cannot
 * carry it: the models keep the default of 3, and a job failed with a higher count would be
 * indistinguishable from a fresh one.
 *
 * <p>A job whose budget is spent (an incident) is a <em>blocked step</em> of its case: the case view shows
 * the step, since when it fails and the last error until the operator retries it and it succeeds. Which
 * jobs are blocked is also held in memory (refreshed from the table every {@link #REFRESH_MILLIS} ms, for
 * incidents raised by another instance), so that a successful job costs no statement unless it was blocked.
 */
@Component
public class JobAttempts implements RetryingJobExceptionHandler.FailureCount {

  /** Operators retry an incident minutes after it was raised, not seconds: this is soon enough. */
  static final long REFRESH_MILLIS = 10_000;
  private static final int ERROR_LENGTH = 1000;
  private static final Logger log = LoggerFactory.getLogger(JobAttempts.class);

  /** A step of a case that failed past its retry budget and waits for an operator. */
  public record BlockedStep(String elementId, String jobType, Instant failingSince, Instant blockedAt,
      String lastError) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  /**
   * The case view's read of the blocked steps: a read-only transaction, not a statement switching its connection to
   * auto-commit and back. A template, not {@code @Transactional}: that would put a proxy in front of every job's
   * {@link #succeeded} call.
   */
  private final TransactionTemplate readOnly;
  private final Set<Long> blocked = ConcurrentHashMap.newKeySet();

  public JobAttempts(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  @Override
  public int failed(long jobKey) {
    jdbc.sql("""
            INSERT INTO job_attempt (job_key, failed, last_failed_at, first_failed_at) VALUES (:key, 1, :now, :now)
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

  @Override
  public void budgetSpent(ActivatedJob job, String error) {
    Object caseId = job.getVariablesAsMap().get(JobLogContext.CASE_ID);
    jdbc.sql("""
            UPDATE job_attempt SET case_id = :caseId, element_id = :elementId, job_type = :jobType,
                   last_error = :error, blocked_at = COALESCE(blocked_at, :now)
             WHERE job_key = :key""")
        .param("caseId", caseId == null ? null : caseId.toString())
        .param("elementId", job.getElementId())
        .param("jobType", job.getType())
        .param("error", error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error)
        .param("now", Timestamp.from(clock.instant()))
        .param("key", job.getKey())
        .update();
    blocked.add(job.getKey());
  }

  /** The job completed: a step that was blocked is no more. Free for jobs that never were. */
  public void succeeded(long jobKey) {
    if (blocked.remove(jobKey)) {
      jdbc.sql("UPDATE job_attempt SET blocked_at = NULL WHERE job_key = :key").param("key", jobKey).update();
    }
  }

  /** The case's steps waiting for an operator, oldest first. */
  public List<BlockedStep> blockedSteps(String caseId) {
    return readOnly.execute(status -> jdbc.sql("""
            SELECT element_id, job_type, first_failed_at, blocked_at, last_error FROM job_attempt
             WHERE blocked_at IS NOT NULL AND case_id = :caseId ORDER BY blocked_at""")
        .param("caseId", caseId)
        .query((rs, n) -> new BlockedStep(rs.getString("element_id"), rs.getString("job_type"),
            instant(rs.getTimestamp("first_failed_at")), instant(rs.getTimestamp("blocked_at")),
            rs.getString("last_error")))
        .list());
  }

  @Scheduled(fixedDelay = REFRESH_MILLIS, initialDelay = 0)
  void refreshBlocked() {
    try {
      List<Long> keys = jdbc.sql("SELECT job_key FROM job_attempt WHERE blocked_at IS NOT NULL")
          .query(Long.class).list();
      blocked.addAll(keys);
      blocked.retainAll(Set.copyOf(keys));
    } catch (RuntimeException e) {
      log.debug("Blocked steps not refreshed: {}", e.getMessage());
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
