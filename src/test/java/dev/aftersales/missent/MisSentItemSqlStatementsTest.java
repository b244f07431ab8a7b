package dev.aftersales.missent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.CaseStatementCount;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.SqlStatements.Executed;
import dev.aftersales.web.ApiPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the SQL statements of one mis-sent item — a wrong item too dear to keep, with a photo: reship, picking
 * error, stock corrections, a free label, the wrong item received and restocked, the case closed — with the real
 * workers (docs/benchmarks.md, "SQL statements per case").
 */
class MisSentItemSqlStatementsTest extends ApiTest {

  /**
   * Measured on 5 December 2026: 100 at main 64c4ea4, 97 since the picking error is an aggregate of its own (reporting
   * it reads the case and inserts the error once, answered; the case's row is not written), 99 since the refund is one
   * too (each of the two customer notifications reads it for its amount), 60 since single query loading reads the case
   * in one statement instead of four, 102 since the case is saved with the repository's plain save (no Spring Data
   * internals): each save of the stored case deletes and inserts all three of its lists (+42), 72 since order lines and
   * evidence are an aggregate of their own (OrderSnapshot): a save of the case rewrites its return lines alone, the
   * steps that read the order or the evidence load the snapshot; 91 since single query loading is off (it read whole
   * child tables on MariaDB, CaseLoadsReadOnlyTheirRowsTest): a load of the case is its row and its return lines (2
   * statements), of the snapshot its row, order lines and evidence (3). The margin: see {@link
   * CaseStatementCount#assertPinned}.
   * 79 since a save writes only the return lines that changed (ReturnLinesStoring): a save that leaves them
   * alone writes the case's row alone, not also a DELETE and an INSERT of its lines (-12).
   * 76 since a load of the order snapshot reads its order lines and evidence in one statement (OrderSnapshotRows):
   * 2 statements a load instead of 3, three loads of it (-3).
   * 54 since the case's version query reads its refund's version too, and a refund the instance remembers at
   * that version is loaded without a statement of its own (CaseCache, RefundLoadingImpl): 2 loads of the refund (-2).
   * 51 since the intake looks a repeated request up only where a new one is checked anyway (its case's unique key,
   * the claims it holds, a refusal; IntakeService), not before every request (-2), and the start listener's binding
   * finds the case bound to its instance in the UPDATE itself (CaseRepository#linkProcessInstance, -1).
   * 50 since an entry a job writes once (a business rule task's decision record, an agent's task) is one INSERT that a
   * unique key keeps from being written twice (V21, Timeline#recordOnce), without a search of the case's entries for
   * the job's key before it (-1).
   * 51 since a receipt notes that its process was told of the parcel (V22, {@code parcel_told_at}: one UPDATE after
   * the message), so that a parcel committed without its message is told by the receipt retry (ReceiptService, +1).
   */
  static final int STATEMENTS_PER_MIS_SENT_ITEM = 51;
  static final int MARGIN = 2;

  @Test
  void aDearWrongItemCostsAFixedNumberOfStatements() throws Exception {
    MisSentItemJourneyApiTest.stubSurroundingSystems();
    String orderId = "O-SQL-" + UUID.randomUUID();
    String channelRequestId = "M-SQL-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(1, ChronoUnit.DAYS), "WECHAT", false);

    List<Executed> ofCase;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"WRONG_ITEM",
           "description":"收到的是围巾 got a scarf, not the kettle",
           "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"%s"}],
           "evidence":[{"url":"https://img.example/scarf.jpg","kind":"PHOTO"}]}"""
          .formatted(channelRequestId, orderId, MisSentItemJourneyApiTest.WRONG_ITEM));
      assertThat(opened.status()).as("intake: %s", opened.body()).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();
      awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
      Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
          {"trackingNumber":"SF%s","items":[{"sku":"%s","barcode":"690-SCARF","grade":"NEW"}]}"""
          .formatted(caseId, MisSentItemJourneyApiTest.WRONG_ITEM));
      assertThat(receipt.status()).isEqualTo(202);
      long instance = awaitStatus(caseId, CaseStatus.RESHIPPED).getProcessInstanceKey();
      CaseStatementCount.awaitProcessEnded(instance);
      ofCase = count.ofCase(caseId, channelRequestId);
    }
    CaseStatementCount.assertPinned("mis-sent item (dear wrong item, sent back)", ofCase, STATEMENTS_PER_MIS_SENT_ITEM,
        MARGIN);
  }
}
