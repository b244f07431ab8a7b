package dev.aftersales.caseview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.SqlStatements.Executed;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.workers.TestCases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's reads of a case (its view with the blocked steps, its timeline, its decisions, its path) run every
 * statement in a transaction: the store's connections stay in manual commit, and a statement outside a transaction
 * switches its connection to auto-commit and back, two round trips more ({@code ManualCommitConnections}).
 */
class CaseReadsInTransactionsTest extends ApiTest {

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;

  @Test
  void theCaseViewTimelineDecisionsAndPathReadInTransactions() throws Exception {
    AfterSalesCase c = TestCases.aReturn().build();
    cases.save(c);
    timeline.record(c.getId(), TimelineKind.STATUS, null, "TMALL", "Case opened", Map.of());
    String path = ApiPaths.CASES + "/" + c.getId();

    List<Executed> reads;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      for (String read : List.of(path, path + "/timeline", path + "/decisions", path + "/path")) {
        assertThat(get(TestUser.AGENT, read).status()).as(read).isEqualTo(200);
      }
      reads = count.ofCase(c.getId());
    }

    assertThat(reads).as("the reads' statements").extracting(Executed::sql)
        .anyMatch(sql -> sql.contains("timeline_entry")).anyMatch(sql -> sql.contains("job_attempt"));
    assertThat(reads).as("statements run outside a transaction")
        .filteredOn(s -> !s.inTransaction()).extracting(Executed::sql).isEmpty();
  }
}
