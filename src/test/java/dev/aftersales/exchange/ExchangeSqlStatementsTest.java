package dev.aftersales.exchange;

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
 * Pins the SQL statements of one exchange for a cheaper variant — approved on its own, label, parcel,
 * inspection, restock, the difference refunded, the replacement ordered and shipped, the case closed — with the
 * real workers (docs/benchmarks.md, "SQL statements per case").
 */
class ExchangeSqlStatementsTest extends ApiTest {

  /**
   * Measured on 5 December 2026: 119 at main 64c4ea4, 121 since the refund is an aggregate of its own (its calculation
   * and the notifications read it, paying it writes the refund alone), 67 since single query loading reads the case in
   * one statement instead of four, 113 since the case is saved with the repository's plain save (no Spring Data
   * internals): each save of the stored case deletes and inserts all three of its lists (+46), 90 since order lines and
   * evidence are an aggregate of their own (OrderSnapshot): a save of the case rewrites its return lines alone, the
   * steps that read the order or the evidence load the snapshot; 120 since single query loading is off (it read whole
   * child tables on MariaDB, CaseLoadsReadOnlyTheirRowsTest): a load of the case is its row and its return lines (2
   * statements), of the snapshot its row, order lines and evidence (3). The margin: see {@link
   * CaseStatementCount#assertPinned}.
   * 102 since a save writes only the return lines that changed (ReturnLinesStoring): a save that leaves them
   * alone writes the case's row alone, not also a DELETE and an INSERT of its lines (-18).
   * 96 since a load of the order snapshot reads its order lines and evidence in one statement (OrderSnapshotRows):
   * 2 statements a load instead of 3, six loads of it (-6).
   * 62 since the case's version query reads its refund's version too, and a refund the instance remembers at
   * that version is loaded without a statement of its own (CaseCache, RefundLoadingImpl): 4 loads of the refund (-4).
   * 59 since the intake looks a repeated request up only where a new one is checked anyway (its case's unique key,
   * the claims it holds, a refusal; IntakeService), not before every request (-2), and the start listener's binding
   * finds the case bound to its instance in the UPDATE itself (CaseRepository#linkProcessInstance, -1).
   * 57 since an entry a job writes once (a business rule task's decision record, an agent's task) is one INSERT that a
   * unique key keeps from being written twice (V21, Timeline#recordOnce), without a search of the case's entries for
   * the job's key before it (-2).
   * 56 since a call whose effect the step's own aggregate records and checks first (the refund's settled state) is a
   * plain call: no search of the case's entries for an earlier success with its key, which inside the job's
   * transaction could never find one (StepJournal#callOnce, -1).
   * 57 since a receipt notes that its process was told of the parcel (V22, {@code parcel_told_at}: one UPDATE after
   * the message), so that a parcel committed without its message is told by the receipt retry (ReceiptService, +1).
   */
  static final int STATEMENTS_PER_EXCHANGE = 57;
  static final int MARGIN = 2;

  @Test
  void anExchangeForACheaperVariantCostsAFixedNumberOfStatements() throws Exception {
    ExchangeJourneyApiTest.stubSurroundingSystems();
    String orderId = "O-SQL-" + UUID.randomUUID();
    String channelRequestId = "X-SQL-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(3, ChronoUnit.DAYS), "ALIPAY", false);

    List<Executed> ofCase;
    try (CaseStatementCount count = CaseStatementCount.listen()) {
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"EXCHANGE","reason":"NO_REASON",
           "description":"too big for my kitchen","unopened":true,
           "lines":[{"sku":"SKU-A","quantity":1,"exchangeSku":"%s"}]}"""
          .formatted(channelRequestId, orderId, ExchangeJourneyApiTest.CHEAPER_VARIANT));
      assertThat(opened.status()).as("intake: %s", opened.body()).isEqualTo(201);
      String caseId = opened.body().path("caseId").asText();
      awaitStatus(caseId, CaseStatus.AWAITING_PARCEL);
      Answer receipt = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
          {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
      assertThat(receipt.status()).isEqualTo(202);
      long instance = awaitStatus(caseId, CaseStatus.EXCHANGED).getProcessInstanceKey();
      CaseStatementCount.awaitProcessEnded(instance);
      ofCase = count.ofCase(caseId, channelRequestId);
    }
    CaseStatementCount.assertPinned("exchange for a cheaper variant", ofCase, STATEMENTS_PER_EXCHANGE, MARGIN);
  }
}
