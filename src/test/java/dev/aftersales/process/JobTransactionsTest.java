package dev.aftersales.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.TestCases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One transaction per job ({@link JobTransactions}) on the real case store, as the job wrapper drives it:
 * opened before the worker runs, committed when it returned, rolled back when it failed.
 */
class JobTransactionsTest extends IntegrationTest {

  @Autowired JobTransactions transactions;
  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;

  @Test
  void aJobsCaseChangeAndItsTimelineEntriesCommitTogetherAndNotBefore() throws Exception {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());
    List<SqlStatements.Executed> statements = new CopyOnWriteArrayList<>();

    try (AutoCloseable listening = SqlStatements.listen(statements::add)) {
      transactions.begin();
      try {
        AfterSalesCase loaded = cases.require(c.getId());
        loaded.moveTo(CaseStatus.AWAITING_PARCEL, Instant.now());
        cases.save(loaded);
        timeline.record(c.getId(), TimelineKind.STATUS, "Task_Test", "worker:test", "Status OPEN → AWAITING_PARCEL",
            Map.of());
        timeline.record(c.getId(), TimelineKind.EXTERNAL_CALL, "Task_Test", "worker:test", "Carrier label",
            Map.of("outcome", "OK"));

        assertThat(fromOutside(c.getId())).as("seen from another connection before the commit")
            .isEqualTo(new Seen(CaseStatus.OPEN, 0));
      } finally {
        transactions.commit();
      }
    }

    assertThat(fromOutside(c.getId())).isEqualTo(new Seen(CaseStatus.AWAITING_PARCEL, 2));
    assertThat(statements).filteredOn(s -> s.mentions(Set.of(c.getId())))
        .filteredOn(s -> s.sql().startsWith("INSERT INTO timeline_entry"))
        .as("the job's entries in one batch").hasSize(1);
  }

  @Test
  void aFailedJobLeavesTheCaseAsItWasAndOnlyItsFailedCallInTheTimeline() {
    AfterSalesCase c = cases.save(TestCases.aReturn().build());

    transactions.begin();
    try {
      AfterSalesCase loaded = cases.require(c.getId());
      loaded.moveTo(CaseStatus.AWAITING_PARCEL, Instant.now());
      cases.save(loaded);
      timeline.record(c.getId(), TimelineKind.STATUS, "Task_Test", "worker:test", "Status OPEN → AWAITING_PARCEL",
          Map.of());
      transactions.afterCompletion(() -> timeline.record(c.getId(), TimelineKind.EXTERNAL_CALL, "Task_Test",
          "worker:test", "Payments refund failed", Map.of("outcome", "FAILED")));
    } finally {
      transactions.rollback(); // the worker threw
    }

    assertThat(cases.require(c.getId()).getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(cases.require(c.getId()).getVersion()).isEqualTo(c.getVersion());
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::summary).containsExactly("Payments refund failed");
  }

  @Test
  void whatOtherProcessesActOnIsSentOnlyAfterTheCommitAndNeverAfterARollback() {
    AtomicBoolean afterCommit = new AtomicBoolean();
    AtomicBoolean afterRollback = new AtomicBoolean();

    transactions.begin();
    transactions.afterCommit(() -> afterCommit.set(true));
    assertThat(afterCommit).as("before the commit").isFalse();
    transactions.commit();
    transactions.begin();
    transactions.afterCommit(() -> afterRollback.set(true));
    transactions.rollback();

    assertThat(afterCommit).isTrue();
    assertThat(afterRollback).isFalse();
  }

  private record Seen(CaseStatus status, int entries) {}

  /** The case's status and timeline as another connection (another thread) reads them. */
  private Seen fromOutside(String caseId) throws Exception {
    return CompletableFuture.supplyAsync(() ->
        new Seen(cases.require(caseId).getStatus(), timeline.of(caseId).size())).get();
  }
}
