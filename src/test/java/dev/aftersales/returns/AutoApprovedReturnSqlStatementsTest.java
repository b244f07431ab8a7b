package dev.aftersales.returns;

import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.testsupport.SqlStatements.Executed;
import dev.aftersales.web.ApiPaths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins the number of SQL statements one auto-approved return costs, from the channel's request
 * through the parcel receipt to the refund and the closed case, with the real workers. A statement
 * belongs to the case when one of its bound values is the case id or the channel's request id.
 * The benchmark ({@code bench/run.sh}) reports the same figure under load as {@code sql_per_case}. Each of them
 * runs in a transaction: one outside would cost two round trips more than its share of a {@code COMMIT}.
 */
class AutoApprovedReturnSqlStatementsTest extends ApiTest {

  /**
   * Statements (round trips to the case store; a JDBC batch counts once) of one auto-approved return. Change it
   * deliberately only: when a step really needs another statement, or when a change saves some, set it to the count
   * this test reports, and update the figure and the reason in docs/benchmarks.md ("SQL statements per case") in the
   * same commit. 96 before the refund became an aggregate of its own: its two notifications and the refund calculation
   * read the refund (+3), paying it writes the refund alone (−1); 56 since single query loading reads the case with its
   * lists in one statement instead of four (14 loads: −42); 87 since the case is saved with the repository's plain save
   * (no Spring Data internals): each save of the stored case deletes and inserts all three of its lists whatever
   * changed (+31); 74 since order lines and evidence are an aggregate of their own ({@code OrderSnapshot}): a save of
   * the case rewrites its return lines alone (7 saves of the stored case, 3 statements fewer each: −21), the intake
   * inserts the snapshot's row (+1) and the seven loads of it by the steps that read the order or the evidence (+7); 73
   * since the refund calculation hands its snapshot to its freight-credit decision's facts (one load, not two); 99
   * since single query loading is off (on MariaDB it read the whole case_line table for every load,
   * CaseLoadsReadOnlyTheirRowsTest): the 14 loads of the case are 2 statements each (+14), the 6 loads of the order
   * snapshot 3 each (+12).
   * 87 since a save writes only the return lines that changed (ReturnLinesStoring): a save that leaves them
   * alone writes the case's row alone, not also a DELETE and an INSERT of its lines (-12).
   * 81 since a load of the order snapshot reads its order lines and evidence in one statement (OrderSnapshotRows):
   * 2 statements a load instead of 3, six loads of it (-6).
   * 61 since a load of the case or its snapshot that the instance remembers reads only the version (CaseCache):
   * 14 loads of the case and 6 of the snapshot, one statement fewer each (-20).
   * 55 since the case's load reads its snapshot's version too, which the snapshot's load in the same job then uses
   * (6 loads: -6).
   * 51 since the case's version query reads its refund's version too, and a refund the instance remembers at
   * that version is loaded without a statement of its own (CaseCache, RefundLoadingImpl): 4 loads of the refund (-4).
   * 48 since the intake looks a repeated request up only where a new one is checked anyway (its case's unique key,
   * the claims it holds, a refusal; IntakeService), not before every request (-2), and the start listener's binding
   * finds the case bound to its instance in the UPDATE itself (CaseRepository#linkProcessInstance, -1).
   * 46 since an entry a job writes once (a business rule task's decision record, an agent's task) is one INSERT that a
   * unique key keeps from being written twice (V21, Timeline#recordOnce), without a search of the case's entries for
   * the job's key before it (-2).
   * 45 since a call whose effect the step's own aggregate records and checks first (the refund's settled state) is a
   * plain call: no search of the case's entries for an earlier success with its key, which inside the job's
   * transaction could never find one (StepJournal#callOnce, -1).
   * 46 since a receipt notes that its process was told of the parcel (V22, {@code parcel_told_at}: one UPDATE after
   * the message), so that a parcel committed without its message is told by the receipt retry (ReceiptService, +1).
   */
  static final int STATEMENTS_PER_AUTO_APPROVED_RETURN = 46;

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired CaseRepository cases;

  @Test
  void autoApprovedReturnCostsAFixedNumberOfStatements() throws Exception {
    String orderId = "O-SQL-" + UUID.randomUUID();
    String channelRequestId = "REQ-SQL-" + UUID.randomUUID();
    OmsStubs.order(orderId, Instant.now().minus(Duration.ofDays(2)), "ALIPAY", false);
    wireMock().stubFor(WireMock.post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-SQL-1\",\"labelUrl\":\"https://labels.example/SF-SQL-1.pdf\"}")));
    wireMock().stubFor(WireMock.post(urlEqualTo("/payments/refunds")).willReturn(okJson("{\"refundId\":\"R-SQL\"}")));
    // Any other surrounding system; not the engine's /v2 API, whose answers keep its own contract.
    wireMock().stubFor(WireMock.post(urlPathMatching("/(?!v2/).*")).atPriority(10).willReturn(okJson("{}")));

    List<Executed> statements = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread(); // this test's own polling is not the case's cost
    String caseId;
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() != self) {
        statements.add(s);
      }
    })) {
      Answer opened = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
          {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
           "description":"不想要了","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}]}"""
          .formatted(channelRequestId, orderId));
      assertThat(opened.status()).as("intake: %s", opened.body()).isEqualTo(201);
      caseId = opened.body().path("caseId").asText();
      await(caseId, c -> c.getStatus() == CaseStatus.AWAITING_PARCEL);

      Answer received = post(TestUser.WAREHOUSE, ApiPaths.RECEIPTS, """
          {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(caseId));
      assertThat(received.status()).as("receipt: %s", received.body()).isEqualTo(202);
      // the close-case worker saves REFUNDED as its last statement: nothing of the case runs after it
      await(caseId, c -> c.getStatus() == CaseStatus.REFUNDED);
    }
    assertThat(cases.require(caseId).getProcessInstanceKey()).as("process instance key stored").isNotNull();

    Set<String> keys = Set.of(caseId, channelRequestId);
    List<Executed> ofCase = statements.stream().filter(s -> s.mentions(keys)).toList();
    assertThat(ofCase.size())
        .as("""
            SQL statements of one auto-approved return changed. If that is deliberate, set \
            STATEMENTS_PER_AUTO_APPROVED_RETURN to %d and update docs/benchmarks.md; the statements were:
            %s""", ofCase.size(), ofCase.stream().map(s -> brief(s.sql())).collect(Collectors.joining("\n")))
        .isEqualTo(STATEMENTS_PER_AUTO_APPROVED_RETURN);
    assertThat(ofCase).as("statements of the case run outside a transaction, each switching its connection to "
            + "auto-commit and back (ManualCommitConnections)")
        .filteredOn(s -> !s.inTransaction()).extracting(s -> brief(s.sql())).isEmpty();
  }

  /** "UPDATE after_sales_case", "SELECT case_line": enough to see which step changed. */
  private static String brief(String sql) {
    String flat = sql.replace("`", "").replaceAll("\\s+", " ").trim();
    Matcher table = TABLE.matcher(flat);
    return flat.substring(0, flat.indexOf(' ')) + " " + (table.find() ? table.group(1) : "?");
  }

  private static final Pattern TABLE = Pattern.compile("(?:FROM|INTO|UPDATE) (\\w+)");

  private void await(String caseId, Predicate<AfterSalesCase> reached) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    AfterSalesCase c = cases.require(caseId);
    while (!reached.test(c)) {
      assertThat(Instant.now()).as("case %s still %s", caseId, c.getStatus()).isBefore(deadline);
      Thread.sleep(50);
      c = cases.require(caseId);
    }
  }
}
