package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.SqlStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The case is saved with the repository's {@code save} (its row by statements of its own, {@link CaseRowWritingImpl};
 * its lists by Spring Data's public callbacks): a new case is inserted with its return lines, and its {@link OrderSnapshot} (order lines and evidence) after it in the same
 * transaction; a stored one updates its row with its version check first and then writes the return lines that
 * changed ({@link ReturnLinesStoring}): none when a step left them alone (docs/benchmarks.md). The snapshot is
 * written once; a save of the case leaves it alone. A stale case writes nothing.
 */
class CaseSavingTest extends IntegrationTest {

  /** A save of a stored case that changed return lines: its row, then the lines that changed (one batch). */
  static final List<String> SAVE_WITH_CHANGED_LINES = List.of("UPDATE after_sales_case", "UPDATE case_line");

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;

  @Test
  void aNewCaseIsInsertedWithItsReturnLinesAndThenItsOrderSnapshot() throws Exception {
    AfterSalesCase aCase = newCase();

    List<String> written = statements(() -> cases.save(aCase));

    assertThat(written).containsExactly("INSERT after_sales_case", "INSERT case_line", "INSERT case_order_snapshot",
        "INSERT case_order_line", "INSERT case_evidence");
    assertThat(cases.require(aCase.getId()).getLines()).hasSize(2);
    OrderSnapshot order = snapshots.require(aCase.getId());
    assertThat(order.getOrderLines()).isEqualTo(aCase.openingSnapshot().getOrderLines()).hasSize(2);
    assertThat(order.getEvidence()).isEqualTo(aCase.openingSnapshot().getEvidence()).hasSize(1);
    assertThat(cases.require(aCase.getId()).openingSnapshot()).as("a case read back was not just opened").isNull();
  }

  @Test
  void aSaveUpdatesTheCaseRowFirstAndThenTheReturnLinesThatChanged() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.updateLine(1, line -> line.received("6900002", Grade.DAMAGED));
    loaded.moveTo(CaseStatus.RECEIVED, Instant.now());

    List<String> written = statements(() -> cases.save(loaded));

    assertThat(written).containsExactlyElementsOf(SAVE_WITH_CHANGED_LINES);
    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(stored.getLines()).containsExactly(loaded.getLines().get(0), loaded.getLines().get(1));
    assertThat(stored.getLines().get(1).grade()).isEqualTo(Grade.DAMAGED);
    assertThat(snapshots.require(id).getVersion()).as("the order snapshot was not written").isZero();
  }

  @Test
  void aReadPhotoUpdatesItsEvidenceRowAloneAndLeavesTheCaseAlone() throws Exception {
    String id = cases.save(newCase()).getId();
    OrderSnapshot order = snapshots.require(id);
    order.evidenceRead(0, "破损 严重");

    List<String> written = statements(() -> snapshots.save(order));

    // the snapshot's row and its version check first, then the one evidence row that changed; no order line
    assertThat(written).containsExactly("UPDATE case_order_snapshot", "UPDATE case_evidence");

    OrderSnapshot stored = snapshots.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getEvidence().get(0).ocrText()).isEqualTo("破损 严重");
    assertThat(stored.getOrderLines()).isEqualTo(order.getOrderLines());
    assertThat(cases.require(id).getVersion()).as("the case was not written").isZero();
  }

  @Test
  void aCaseSavedTwiceKeepsWhatBothSavesWrote() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-1", "https://labels.example/SF-1.pdf");
    cases.save(loaded);

    // the same instance again, as a worker that saves twice: it carries the version of its first save
    loaded.updateLine(0, line -> line.received("6900001", Grade.NEW));
    assertThat(statements(() -> cases.save(loaded))).containsExactlyElementsOf(SAVE_WITH_CHANGED_LINES);

    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(2);
    assertThat(stored.getTrackingNumber()).isEqualTo("SF-1");
    assertThat(stored.getLines()).isEqualTo(loaded.getLines());
  }

  @Test
  void aCaseWithoutChangedReturnLinesWritesItsRowAlone() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-1", "https://labels.example/SF-1.pdf");

    assertThat(statements(() -> cases.save(loaded))).containsExactly("UPDATE after_sales_case");
    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getTrackingNumber()).isEqualTo("SF-1");
    assertThat(stored.getLines()).isEqualTo(loaded.getLines());
  }

  @Test
  void aCaseWithoutReturnLinesWritesItsRowAlone() throws Exception {
    AfterSalesCase withoutLines = AfterSalesCase.open(CaseType.RETURN, "TMALL", "REQ-SAVE-" + UUID.randomUUID(),
        "O-SAVE-" + UUID.randomUUID(), Reason.NO_REASON, null, true, List.of(), List.of(),
        orderFacts(Instant.now().truncatedTo(ChronoUnit.MILLIS)), Instant.now());
    String id = cases.save(withoutLines).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-2", "https://labels.example/SF-2.pdf");

    assertThat(statements(() -> cases.save(loaded))).containsExactly("UPDATE after_sales_case");
    assertThat(cases.require(id).getLines()).isEmpty();
    assertThat(snapshots.require(id).getOrderLines()).hasSize(2);
  }

  @Test
  void fewerReturnLinesDeleteTheOthers() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.parcelReceived(List.of(loaded.getLines().get(0).received("6900001", Grade.NEW)), Instant.now());

    assertThat(statements(() -> cases.save(loaded)))
        .containsExactly("UPDATE after_sales_case", "DELETE case_line", "UPDATE case_line");
    assertThat(cases.require(id).getLines()).containsExactlyElementsOf(loaded.getLines());
  }

  @Test
  void aStaleCaseWritesNothing() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase first = cases.require(id);
    AfterSalesCase stale = cases.require(id);
    first.labelCreated("SF-FIRST", "https://labels.example/SF-FIRST.pdf");
    cases.save(first);

    stale.updateLine(0, line -> line.received("6900001", Grade.NEW));
    List<String> written = statements(() -> assertThatThrownBy(() -> cases.save(stale))
        .isInstanceOf(OptimisticLockingFailureException.class));

    // the case's row comes first and matched no row (its version is not 0 any more): no child row was touched
    assertThat(written).containsExactly("UPDATE after_sales_case");
    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getTrackingNumber()).isEqualTo("SF-FIRST");
    assertThat(stored.getLines()).isEqualTo(first.getLines());
  }

  @Test
  void aStaleOrderSnapshotWritesNothing() throws Exception {
    String id = cases.save(newCase()).getId();
    OrderSnapshot first = snapshots.require(id);
    OrderSnapshot stale = snapshots.require(id);
    first.evidenceRead(0, "first reading");
    snapshots.save(first);

    stale.evidenceRead(0, "stale reading");
    List<String> written = statements(() -> assertThatThrownBy(() -> snapshots.save(stale))
        .isInstanceOf(OptimisticLockingFailureException.class));

    assertThat(written).containsExactly("UPDATE case_order_snapshot");
    OrderSnapshot stored = snapshots.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getEvidence().get(0).ocrText()).isEqualTo("first reading");
  }

  @Test
  void aCaseAndItsSnapshotAreReadBackAsTheyWereOpened() {
    AfterSalesCase opened = newCase();
    OrderSnapshot openedWith = opened.openingSnapshot();
    String id = cases.save(opened).getId();

    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getLines()).isEqualTo(opened.getLines());
    OrderSnapshot storedSnapshot = snapshots.require(id);
    assertThat(storedSnapshot.getOrderLines()).isEqualTo(openedWith.getOrderLines());
    assertThat(storedSnapshot.getEvidence()).isEqualTo(openedWith.getEvidence());

    // every column of a return line comes back as it was written
    stored.updateLine(0, line -> line.received("6900001", Grade.LIGHTLY_USED).disposed(Disposition.SECOND_HAND, 20)
        .exchangedFor("SKU-A-RED").stockCorrectedNow());
    cases.save(stored);
    assertThat(cases.require(id).getLines()).isEqualTo(stored.getLines())
        .first().satisfies(line -> assertThat(line.stockCorrected()).isTrue());
  }

  @Test
  void aFailedChildWriteUndoesTheWholeSave() {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-3", "https://labels.example/SF-3.pdf");
    loaded.updateLine(0, line -> line.exchangedFor("X".repeat(65))); // longer than the column: the insert fails
    assertThatThrownBy(() -> cases.save(loaded)).isInstanceOf(DataAccessException.class);

    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isZero();
    assertThat(stored.getTrackingNumber()).isNull();
    assertThat(stored.getLines()).hasSize(2).allSatisfy(line -> assertThat(line.exchangeSku()).isNull());
  }

  static AfterSalesCase newCase() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String orderId = "O-SAVE-" + UUID.randomUUID();
    return AfterSalesCase.open(CaseType.RETURN, "TMALL", "REQ-SAVE-" + UUID.randomUUID(), orderId, Reason.QUALITY,
        "broken", false, List.of(ReturnLine.requested("SKU-A", 1, null), ReturnLine.requested("SKU-B", 1, null)),
        List.of(new Evidence("https://photos.example/1.jpg", EvidenceKind.PHOTO, null)), orderFacts(now), now);
  }

  private static AfterSalesCase.OrderFacts orderFacts(Instant now) {
    List<OrderLine> orderLines = List.of(
        new OrderLine("SKU-A", "A", 1, new BigDecimal("10.00"), new BigDecimal("10.00"), false, "6900001"),
        new OrderLine("SKU-B", "B", 1, new BigDecimal("20.00"), new BigDecimal("20.00"), false, "6900002"));
    return new AfterSalesCase.OrderFacts("C-1", now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), null,
        "P-1", PaymentMethod.ALIPAY, null, false, "WH-MAIN", orderLines);
  }

  /** The statements this thread sent while running {@code action}, as "UPDATE after_sales_case". */
  static List<String> statements(Callable<?> action) throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() == self) {
        written.add(brief(s.sql()));
      }
    })) {
      action.call();
    }
    return written;
  }

  private static String brief(String sql) {
    String flat = sql.replace("`", "").replaceAll("\\s+", " ").trim();
    Matcher table = TABLE.matcher(flat);
    return flat.substring(0, flat.indexOf(' ')).toUpperCase() + " " + (table.find() ? table.group(1) : "?");
  }

  private static final Pattern TABLE = Pattern.compile("(?i)(?:FROM|INTO|UPDATE) (\\w+)");
}
