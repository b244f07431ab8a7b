package dev.aftersales.exceptions;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.SqlStatements.Executed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the SQL statements of one exception order in the fast lane — a cash-on-delivery order within the limit,
 * reported by the order platform, held, released by rule, the customer told, the case closed — with the real
 * workers (docs/benchmarks.md, "SQL statements per case").
 */
class OrderExceptionSqlStatementsTest extends ApiTest {

  /**
   * Measured on 5 December 2026: 50 at main 64c4ea4, 53 since the exception is an aggregate of its own: the start, the
   * hold, the decision's facts and record, the release and the notification each read it as one statement of its own
   * (+6) while each of its three changes is one UPDATE instead of a DELETE and an INSERT (−3). Loading the case becomes
   * one statement instead of four once single query loading is on (issue 15). 54 since the refund is an aggregate of
   * its own too (the notification reads it for its amount), 36 since single query loading reads the case in one
   * statement instead of four, 52 since the case is saved with the repository's plain save (no Spring Data internals):
   * each save of the stored case deletes and inserts all three of its lists (+16), 42 since order lines and evidence
   * are an aggregate of their own (OrderSnapshot): a save of the case rewrites its return lines alone, the steps that
   * read the order or the evidence load the snapshot; 50 since single query loading is off (it read whole child tables
   * on MariaDB, CaseLoadsReadOnlyTheirRowsTest): a load of the case is its row and its return lines (2 statements), of
   * the snapshot its row, order lines and evidence (3). The margin: see {@link CaseStatementCount#assertPinned}.
   * 46 since a save writes only the return lines that changed (ReturnLinesStoring): a save that leaves them
   * alone writes the case's row alone, not also a DELETE and an INSERT of its lines (-4).
   * 45 since a load of the order snapshot reads its order lines and evidence in one statement (OrderSnapshotRows):
   * 2 statements a load instead of 3, one load of it (-1).
   * 35 since the start listener's binding finds the case bound to its instance in the UPDATE itself
   * (CaseRepository#linkProcessInstance): no SELECT of the key after the process starter bound it (-1).
   * 34 since an entry a job writes once (a business rule task's decision record, an agent's task) is one INSERT that a
   * unique key keeps from being written twice (V21, Timeline#recordOnce), without a search of the case's entries for
   * the job's key before it (-1).
   * 32 since a call whose effect the step's own aggregate records and checks first (here the order's hold and
   * release) is a plain call: no search of the case's entries for an earlier success with its key, which inside the
   * job's transaction could never find one (StepJournal#callOnce, -2).
   */
  static final int STATEMENTS_PER_RELEASED_EXCEPTION = 32;
  static final int MARGIN = 2;

  @Test
  void aCashOnDeliveryOrderReleasedByRuleCostsAFixedNumberOfStatements() throws Exception {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/hold")), "{}");
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/release")), "{}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    String orderId = OrderExceptionJourneyApiTest.order("CASH_ON_DELIVERY", "358.00");

    List<Executed> ofCase;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      Answer reported = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/exceptions",
          "{\"type\":\"CASH_ON_DELIVERY\"}");
      assertThat(reported.status()).as("exception: %s", reported.body()).isEqualTo(201);
      String caseId = reported.body().path("caseId").asText();
      long instance = awaitStatus(caseId, CaseStatus.RELEASED).getProcessInstanceKey();
      CaseStatementCount.awaitProcessEnded(instance);
      ofCase = count.ofCase(caseId);
    }
    CaseStatementCount.assertPinned("exception order released by rule (cash on delivery within the limit)", ofCase,
        STATEMENTS_PER_RELEASED_EXCEPTION, MARGIN);
  }
}
