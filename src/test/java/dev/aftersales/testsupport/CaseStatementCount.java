package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.SqlStatements.Executed;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Counts the SQL statements of one case's journey, as {@code *SqlStatementsTest} pins them per flow: every
 * statement of the application (not of the test's own thread, which polls) while listening, of which those
 * with a bound value that is one of the case's keys (its id, the channel's request id) belong to the case.
 * The benchmark ({@code bench/run.sh}) reports the auto-approved return's count under load as {@code sql_per_case}.
 */
public final class CaseStatementCount implements AutoCloseable {

  private static final Pattern TABLE = Pattern.compile("(?:FROM|INTO|UPDATE) (\\w+)");

  private final List<Executed> statements = new CopyOnWriteArrayList<>();
  private final AutoCloseable listening;

  private CaseStatementCount() {
    Thread self = Thread.currentThread();
    listening = SqlStatements.listen(s -> {
      if (s.thread() != self) {
        statements.add(s);
      }
    });
  }

  /** Starts listening; call from the test's thread. */
  public static CaseStatementCount listen() {
    return new CaseStatementCount();
  }

  /** The statements so far with a bound value among the case's keys. */
  public List<Executed> ofCase(String... keys) {
    Set<String> values = Set.of(keys);
    return statements.stream().filter(s -> s.mentions(values)).toList();
  }

  /**
   * Asserts the count is the pinned one, or at most {@code margin} above it (statements that depend on which
   * of two racing steps comes first, e.g. the start listener finding the instance already bound by the intake).
   * Fewer than pinned fails too, so that a saving is pinned at once. Each statement must have run in a transaction.
   */
  public static void assertPinned(String flow, List<Executed> ofCase, int pinned, int margin) {
    assertThat(ofCase.size())
        .as("""
            SQL statements of one %s changed (pinned: %d, up to %d more allowed). If that is deliberate, pin the \
            new count and say why in docs/benchmarks.md; the statements were:
            %s""", flow, pinned, margin, listing(ofCase))
        .isBetween(pinned, pinned + margin);
    assertThat(ofCase).as("statements of one %s outside a transaction, each switching its connection to auto-commit "
            + "and back (ManualCommitConnections)", flow)
        .filteredOn(s -> !s.inTransaction()).extracting(s -> brief(s.sql())).isEmpty();
  }

  /** "UPDATE after_sales_case", "SELECT case_line", one a line: enough to see which step changed. */
  public static String listing(List<Executed> statements) {
    return statements.stream().map(s -> brief(s.sql())).collect(Collectors.joining("\n"));
  }

  private static String brief(String sql) {
    String flat = sql.replace("`", "").replaceAll("\\s+", " ").trim();
    Matcher table = TABLE.matcher(flat);
    return flat.substring(0, flat.indexOf(' ')) + " " + (table.find() ? table.group(1) : "?");
  }

  /**
   * Waits until the case's process instance (and what it called) has ended and the engine is idle, so that no
   * step of the case runs after the count: a case's status may be final before its last steps ran.
   */
  public static void awaitProcessEnded(long processInstanceKey) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    ProcessTestEngine engine = TestInfrastructure.zeebe();
    while (!ended(engine, processInstanceKey)) {
      assertThat(Instant.now()).as("process instance %d still running", processInstanceKey).isBefore(deadline);
      engine.waitForIdle();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    engine.waitForIdle();
  }

  private static boolean ended(ProcessTestEngine engine, long processInstanceKey) {
    return StreamSupport.stream(engine.records().processInstanceRecords().spliterator(), false)
        .anyMatch(r -> r.getKey() == processInstanceKey && r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
            && r.getValue().getBpmnElementType() == BpmnElementType.PROCESS);
  }

  @Override
  public void close() throws Exception {
    listening.close();
  }
}
