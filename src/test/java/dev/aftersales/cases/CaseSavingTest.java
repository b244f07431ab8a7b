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
 * The case repository's save ({@link CaseSaving}) writes the case's row with its version check and
 * then only the child tables whose rows changed since the case was loaded; a stale case writes nothing.
 */
class CaseSavingTest extends IntegrationTest {

  @Autowired CaseRepository cases;

  @Test
  void aNewCaseIsInsertedWithAllItsRows() throws Exception {
    AfterSalesCase aCase = newCase();

    List<String> written = statements(() -> cases.save(aCase));

    assertThat(written).first().isEqualTo("INSERT after_sales_case");
    assertThat(written).containsExactlyInAnyOrder("INSERT after_sales_case", "INSERT case_order_line",
        "INSERT case_line", "INSERT case_evidence");
    assertThat(cases.require(aCase.getId()).getLines()).hasSize(2);
  }

  @Test
  void aChangedReturnLineRewritesTheReturnLinesAlone() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.updateLine(1, line -> line.received("6900002", Grade.DAMAGED));
    loaded.moveTo(CaseStatus.RECEIVED, Instant.now());

    List<String> written = statements(() -> cases.save(loaded));

    assertThat(written).containsExactly("UPDATE after_sales_case", "DELETE case_line", "INSERT case_line");
    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(stored.getLines()).containsExactly(loaded.getLines().get(0), loaded.getLines().get(1));
    assertThat(stored.getLines().get(1).grade()).isEqualTo(Grade.DAMAGED);
    assertThat(stored.getOrderLines()).isEqualTo(loaded.getOrderLines());
    assertThat(stored.getEvidence()).isEqualTo(loaded.getEvidence());
  }

  @Test
  void readEvidenceRewritesTheEvidenceAloneAndASecondSaveOfTheSameInstanceOnlyWhatChangedSince() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.evidenceRead(0, "破损 严重");

    assertThat(statements(() -> cases.save(loaded)))
        .containsExactly("UPDATE after_sales_case", "DELETE case_evidence", "INSERT case_evidence");

    // the same instance again, as a worker that saves twice: it remembers what it stored
    loaded.updateLine(0, line -> line.received("6900001", Grade.NEW));
    assertThat(statements(() -> cases.save(loaded)))
        .containsExactly("UPDATE after_sales_case", "DELETE case_line", "INSERT case_line");

    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(2);
    assertThat(stored.getEvidence().get(0).ocrText()).isEqualTo("破损 严重");
    assertThat(stored.getLines()).isEqualTo(loaded.getLines());
  }

  @Test
  void aCaseWithoutChangedChildRowsWritesItsRowAlone() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.labelCreated("SF-1", "https://labels.example/SF-1.pdf");

    assertThat(statements(() -> cases.save(loaded))).containsExactly("UPDATE after_sales_case");
    assertThat(cases.require(id).getTrackingNumber()).isEqualTo("SF-1");
  }

  @Test
  void fewerReturnLinesDeleteTheOthers() throws Exception {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.parcelReceived(List.of(loaded.getLines().get(0).received("6900001", Grade.NEW)), Instant.now());

    assertThat(statements(() -> cases.save(loaded)))
        .containsExactly("UPDATE after_sales_case", "DELETE case_line", "INSERT case_line");
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
    stale.evidenceRead(0, "stale");
    List<String> written = statements(() -> assertThatThrownBy(() -> cases.save(stale))
        .isInstanceOf(OptimisticLockingFailureException.class));

    assertThat(written).containsExactly("UPDATE after_sales_case"); // matched no row: the version is not 0 any more
    assertThat(stale.getVersion()).as("the stale case keeps the version it was loaded with").isZero();
    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isEqualTo(1);
    assertThat(stored.getTrackingNumber()).isEqualTo("SF-FIRST");
    assertThat(stored.getLines()).isEqualTo(first.getLines());
    assertThat(stored.getEvidence()).isEqualTo(first.getEvidence());
  }

  @Test
  void aFailedChildWriteUndoesTheWholeSave() {
    String id = cases.save(newCase()).getId();
    AfterSalesCase loaded = cases.require(id);
    loaded.updateLine(0, line -> line.received("6900001", Grade.NEW));
    loaded.evidenceRead(0, "字".repeat(2001)); // longer than the column: the evidence's insert fails
    assertThatThrownBy(() -> cases.save(loaded)).isInstanceOf(DataAccessException.class);
    assertThat(loaded.getVersion()).as("the case keeps the version it was loaded with").isZero();

    AfterSalesCase stored = cases.require(id);
    assertThat(stored.getVersion()).isZero();
    assertThat(stored.getLines().get(0).scannedBarcode()).isNull();
    assertThat(stored.getEvidence().get(0).ocrText()).isNull();
  }

  static AfterSalesCase newCase() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String orderId = "O-SAVE-" + UUID.randomUUID();
    List<OrderLine> orderLines = List.of(
        new OrderLine("SKU-A", "A", 1, new BigDecimal("10.00"), new BigDecimal("10.00"), false, "6900001"),
        new OrderLine("SKU-B", "B", 1, new BigDecimal("20.00"), new BigDecimal("20.00"), false, "6900002"));
    return AfterSalesCase.open(CaseType.RETURN, "TMALL", "REQ-SAVE-" + UUID.randomUUID(), orderId, Reason.QUALITY,
        "broken", false, List.of(ReturnLine.requested("SKU-A", 1, null), ReturnLine.requested("SKU-B", 1, null)),
        List.of(new Evidence("https://photos.example/1.jpg", EvidenceKind.PHOTO, null)),
        new AfterSalesCase.OrderFacts("C-1", now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), null,
            "P-1", PaymentMethod.ALIPAY, null, false, "WH-MAIN", orderLines),
        now);
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
