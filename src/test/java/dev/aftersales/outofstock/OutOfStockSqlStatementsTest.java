package dev.aftersales.outofstock;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aftersales.testsupport.Sandbox.await;
import static dev.aftersales.testsupport.Sandbox.stub;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.SqlStatements.Executed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the SQL statements of one out-of-stock line the customer cancels — reported by the warehouse, the next
 * arrival too late, an agent records the customer's answer, the line cancelled and refunded, the case closed —
 * with the real workers (docs/benchmarks.md, "SQL statements per case").
 */
class OutOfStockSqlStatementsTest extends ApiTest {

  /**
   * Measured on 5 December 2026: 78 at main 64c4ea4, 74 since the shortage is an aggregate of its own (checking the
   * next arrival and recording the decision read and write the backorder alone, not the case; the cancellation, the
   * refund, the start and the close read it as one more statement), 75 since the refund is one too (its calculation and
   * the notification read it, paying it writes the refund alone), 51 since single query loading reads the case in one
   * statement instead of four, 71 since the case is saved with the repository's plain save (no Spring Data internals):
   * each save of the stored case deletes and inserts all three of its lists (+20), 63 since order lines and evidence
   * are an aggregate of their own (OrderSnapshot): a save of the case rewrites its return lines alone, the steps that
   * read the order or the evidence load the snapshot; 77 since single query loading is off (it read whole child tables
   * on MariaDB, CaseLoadsReadOnlyTheirRowsTest): a load of the case is its row and its return lines (2 statements), of
   * the snapshot its row, order lines and evidence (3). The margin: see {@link CaseStatementCount#assertPinned}.
   * 69 since a save writes only the return lines that changed (ReturnLinesStoring): a save that leaves them
   * alone writes the case's row alone, not also a DELETE and an INSERT of its lines (-8).
   * 66 since a load of the order snapshot reads its order lines and evidence in one statement (OrderSnapshotRows):
   * 2 statements a load instead of 3, three loads of it (-3).
   * 49 since the case's version query reads its refund's version too, and a refund the instance remembers at
   * that version is loaded without a statement of its own (CaseCache, RefundLoadingImpl): 3 loads of the refund (-3).
   * 48 since the start listener's binding finds the case bound to its instance in the UPDATE itself
   * (CaseRepository#linkProcessInstance): no SELECT of the key after the process starter bound it (-1).
   * 46 since an entry a job writes once (a business rule task's decision record, an agent's task) is one INSERT that a
   * unique key keeps from being written twice (V21, Timeline#recordOnce), without a search of the case's entries for
   * the job's key before it (-2).
   * 45 since a call whose effect the step's own aggregate records and checks first (the refund's settled state) is a
   * plain call: no search of the case's entries for an earlier success with its key, which inside the job's
   * transaction could never find one (StepJournal#callOnce, -1).
   */
  static final int STATEMENTS_PER_CANCELLED_SHORTAGE = 45;
  static final int MARGIN = 2;

  private static final String CONTACT = "UserTask_ContactCustomerAboutShortage";

  @Test
  void aShortageTheCustomerCancelsCostsAFixedNumberOfStatements() throws Exception {
    stub(WireMock.post(urlPathMatching("/oms/orders/.*/cancellation")),
        "{\"cancellationId\":\"CX-{{jsonPath request.body '$.caseId'}}\"}");
    stub(WireMock.post(urlEqualTo("/payments/refunds")), "{\"refundId\":\"RF-{{jsonPath request.body '$.idempotencyKey'}}\"}");
    stub(WireMock.post(urlEqualTo("/notifications")), "{}");
    String sku = ShortageOrders.uniqueSku("LAMP");
    String orderId = ShortageOrders.order(sku, 2);
    ShortageOrders.stockArrivesIn(sku, 10); // beyond the 3-day promise: the customer is asked

    List<Executed> ofCase;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      Answer reported = post(TestUser.WAREHOUSE, "/api/orders/" + orderId + "/shortages",
          "{\"sku\":\"%s\",\"quantity\":2}".formatted(sku));
      assertThat(reported.status()).as("shortage: %s", reported.body()).isEqualTo(201);
      String caseId = reported.body().path("caseId").asText();
      long instance = awaitCase(caseId, "started", c -> c.getProcessInstanceKey() != null).getProcessInstanceKey();
      await("the customer-contact task of case " + caseId, () -> zeebe().openUserTask(instance, CONTACT).orElse(null));
      zeebe().completeUserTask(instance, CONTACT, Map.of("customerAnswer", "CANCEL", "contactNotes", "bought elsewhere"));
      awaitStatus(caseId, CaseStatus.CANCELLED);
      CaseStatementCount.awaitProcessEnded(instance);
      ofCase = count.ofCase(caseId);
    }
    CaseStatementCount.assertPinned("out-of-stock line cancelled by the customer", ofCase,
        STATEMENTS_PER_CANCELLED_SHORTAGE, MARGIN);
  }
}
