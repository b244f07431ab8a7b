package dev.aftersales.cases;

import static dev.aftersales.cases.CaseSavingTest.newCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.testsupport.SqlStatements.Executed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loading a case or its order snapshot reads the rows of that case only, however many cases the store holds:
 * every statement of a load finds its rows through an index. Spring Data JDBC's single query loading broke this on
 * MariaDB: it reads an aggregate with its lists in one SELECT whose lists are derived tables numbered by a window
 * function ({@code ROW_NUMBER() OVER (PARTITION BY case_id)}), and the server materialised and sorted the whole
 * {@code case_line} table (and, for a snapshot, the whole of {@code case_order_line} and {@code case_evidence}) for
 * every load. Each job's load grew with the store; on a merchant's store it would read millions of rows per step
 * (docs/benchmarks.md, "Single query loading reads whole tables").
 *
 * <p>The rows each statement reads are the server's own count: {@code ANALYZE FORMAT=JSON} runs the statement as the
 * application sent it, with its values, and reports per table the rows read ({@code r_rows}) per loop.
 */
class CaseLoadsReadOnlyTheirRowsTest extends IntegrationTest {

  /** Other cases in the store, each with two return lines, two order lines and a photo. */
  private static final int OTHER_CASES = 300;

  /** A load's statement may read the case's own rows and a few index probes; never another case's rows. */
  private static final long ROWS_ONE_STATEMENT_MAY_READ = 10;

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @Test
  void loadingACaseAndItsSnapshotReadsOnlyThatCasesRows() throws Exception {
    for (int i = 0; i < OTHER_CASES; i++) {
      cases.save(newCase());
    }
    String caseId = cases.save(newCase()).getId();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_line", Long.class))
        .as("the store holds many other cases' lines").isGreaterThan(2L * OTHER_CASES);

    // another instance moved the case on: this instance's CaseCache does not remember it at that version, the load
    // reads the store
    jdbc.update("UPDATE after_sales_case SET version = version + 1 WHERE id = ?", caseId);

    List<Executed> loads = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    try (AutoCloseable listening = SqlStatements.listen(s -> {
      if (s.thread() == self) {
        loads.add(s);
      }
    })) {
      assertThat(cases.require(caseId).getLines()).hasSize(2);
      OrderSnapshot snapshot = snapshots.require(caseId);
      assertThat(snapshot.getOrderLines()).hasSize(2);
      assertThat(snapshot.getEvidence()).hasSize(1);
    }

    assertThat(loads).as("the loads' statements: the case's version, its row and lines, the snapshot's")
        .extracting(Executed::sql).anyMatch(sql -> sql.contains("case_line"))
        .anyMatch(sql -> sql.contains("after_sales_case") && sql.contains("channel_request_id"));
    for (Executed load : loads) {
      assertThat(rowsRead(load))
          .as("rows the server read for %s", load.sql())
          .isLessThanOrEqualTo(ROWS_ONE_STATEMENT_MAY_READ);
    }
  }

  /** The rows the server read for the statement, over all tables it touched (derived tables' sources included). */
  private long rowsRead(Executed statement) throws Exception {
    String plan = jdbc.queryForObject("ANALYZE FORMAT=JSON " + statement.sql(), String.class,
        statement.parameters().toArray());
    List<JsonNode> tables = new ArrayList<>();
    collectTables(json.readTree(plan), tables);
    assertThat(tables).as("ANALYZE of %s reports its tables", statement.sql()).isNotEmpty();
    return tables.stream()
        .mapToLong(t -> (long) (t.path("r_loops").asDouble() * t.path("r_rows").asDouble()))
        .sum();
  }

  private static void collectTables(JsonNode node, List<JsonNode> tables) {
    if (node.isObject()) {
      JsonNode table = node.get("table");
      if (table != null && table.isObject() && table.has("table_name")) {
        tables.add(table);
      }
      node.forEach(child -> collectTables(child, tables));
    } else if (node.isArray()) {
      node.forEach(child -> collectTables(child, tables));
    }
  }
}
