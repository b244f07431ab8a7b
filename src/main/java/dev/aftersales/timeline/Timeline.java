package dev.aftersales.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only audit trail of a case. Entries are only ever inserted; the table has no update or
 * delete path in the application. Entries recorded in a transaction (a job's, an API request's) are
 * written together, in one batch, just before it commits, so they commit with the state change they
 * describe or not at all; a read of the timeline in that transaction writes them first.
 */
@Component
public class Timeline {

  private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {};
  /**
   * An entry a job writes once ({@link #recordOnce}) carries its key; a second one of the same case, kind and job
   * meets the unique key {@code ux_timeline_job} and is not written. Other entries have none and never meet it.
   */
  private static final String INSERT = """
      INSERT INTO timeline_entry (case_id, occurred_at, kind, element_id, actor, summary, details, job_key)
      VALUES (:caseId, :occurredAt, :kind, :elementId, :actor, :summary, :details, :jobKey)
      ON DUPLICATE KEY UPDATE id = id""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final ObjectMapper json;
  private final Clock clock;

  public Timeline(JdbcClient jdbc, NamedParameterJdbcTemplate batches, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.json = json;
    this.clock = clock;
  }

  public void record(
      String caseId, TimelineKind kind, String elementId, String actor, String summary, Map<String, ?> details) {
    record(caseId, kind, elementId, actor, summary, details, clock.instant());
  }

  /** As {@link #record(String, TimelineKind, String, String, String, Map)}, for a step that happened earlier. */
  public void record(String caseId, TimelineKind kind, String elementId, String actor, String summary,
      Map<String, ?> details, Instant occurredAt) {
    record(caseId, kind, elementId, actor, summary, details, occurredAt, null);
  }

  /**
   * As {@link #record(String, TimelineKind, String, String, String, Map)}, once per job and kind: an entry of this
   * kind the job wrote before (the engine handed it out again after its first run, or two deliveries of it ran at
   * once) keeps the place, and this one is not written. One statement, the entry's own INSERT; no lookup first.
   */
  public void recordOnce(String caseId, TimelineKind kind, String elementId, String actor, String summary,
      Map<String, ?> details, long jobKey) {
    record(caseId, kind, elementId, actor, summary, details, clock.instant(), jobKey);
  }

  private void record(String caseId, TimelineKind kind, String elementId, String actor, String summary,
      Map<String, ?> details, Instant occurredAt, Long jobKey) {
    MapSqlParameterSource entry = new MapSqlParameterSource()
        .addValue("caseId", caseId)
        .addValue("occurredAt", Timestamp.from(occurredAt))
        .addValue("kind", kind.name())
        .addValue("elementId", elementId)
        .addValue("actor", actor)
        .addValue("summary", truncate(summary, 500))
        .addValue("details", toJson(details))
        .addValue("jobKey", jobKey);
    Pending pending = pending(true);
    if (pending != null) {
      pending.entries.add(entry);
    } else {
      batches.update(INSERT, entry);
    }
  }

  /** The entries a transaction recorded and has not written yet: written in one batch before it commits. */
  private final class Pending implements TransactionSynchronization {

    private final List<MapSqlParameterSource> entries = new ArrayList<>();

    Timeline owner() {
      return Timeline.this;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      write();
    }

    void write() {
      if (entries.isEmpty()) {
        return;
      }
      MapSqlParameterSource[] batch = entries.toArray(MapSqlParameterSource[]::new);
      entries.clear();
      if (batch.length == 1) {
        batches.update(INSERT, batch[0]);
      } else {
        batches.batchUpdate(INSERT, batch);
      }
    }
  }

  /** The current transaction's pending entries (a new list when {@code create}); null outside a transaction. */
  private Pending pending(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof Pending pending && pending.owner() == this) {
        return pending;
      }
    }
    if (!create) {
      return null;
    }
    Pending pending = new Pending();
    TransactionSynchronizationManager.registerSynchronization(pending);
    return pending;
  }

  /** Writes what the current transaction recorded so far, so that a read in it sees its own entries. */
  private void writePending() {
    Pending pending = pending(false);
    if (pending != null) {
      pending.write();
    }
  }

  /**
   * Whether the job with this key already wrote an entry of this kind for the case ({@link #recordOnce}): a job the
   * engine handed out again after its first run did the work.
   */
  public boolean recordedByJob(String caseId, TimelineKind kind, long jobKey) {
    writePending();
    return jdbc.sql("""
            SELECT COUNT(*) FROM timeline_entry WHERE case_id = :caseId AND kind = :kind AND job_key = :jobKey""")
        .param("caseId", caseId)
        .param("kind", kind.name())
        .param("jobKey", jobKey)
        .query(Integer.class)
        .single() > 0;
  }

  /**
   * The details of the successful external call made with this idempotency key for the case, if one
   * was recorded: a retried step takes its answer instead of calling (and recording) a second time.
   */
  public Optional<Map<String, Object>> succeededCall(String caseId, String idempotencyKey) {
    writePending();
    return jdbc.sql("""
            SELECT details FROM timeline_entry
             WHERE case_id = :caseId AND kind = 'EXTERNAL_CALL'
               AND JSON_VALUE(details, '$.idempotencyKey') = :key AND JSON_VALUE(details, '$.outcome') = 'OK'
             ORDER BY id LIMIT 1""")
        .param("caseId", caseId)
        .param("key", idempotencyKey)
        .query(String.class)
        .optional()
        .map(this::fromJson);
  }

  /**
   * Oldest first; ties (same microsecond) keep insertion order. In a read-only transaction of its own when called
   * outside one (the case view, the decision audit): the store's connections stay in manual commit, and a statement
   * outside a transaction would switch its connection to auto-commit and back ({@code ManualCommitConnections}).
   */
  @Transactional(readOnly = true)
  public List<TimelineEntry> of(String caseId) {
    writePending();
    return jdbc.sql("SELECT * FROM timeline_entry WHERE case_id = :caseId ORDER BY occurred_at, id")
        .param("caseId", caseId)
        .query((rs, n) -> new TimelineEntry(
            rs.getLong("id"),
            rs.getString("case_id"),
            rs.getTimestamp("occurred_at").toInstant(),
            TimelineKind.valueOf(rs.getString("kind")),
            rs.getString("element_id"),
            rs.getString("actor"),
            rs.getString("summary"),
            fromJson(rs.getString("details"))))
        .list();
  }

  private String toJson(Map<String, ?> details) {
    if (details == null || details.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Timeline details are not serialisable: " + details.keySet(), e);
    }
  }

  private Map<String, Object> fromJson(String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return json.readValue(text, DETAILS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt timeline details: " + text, e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
