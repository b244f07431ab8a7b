package dev.aftersales.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pool keeps its connections in manual commit ({@link ManualCommitConnections}): a transaction sends its
 * statements and its {@code COMMIT} and nothing else, while everything written outside a transaction still
 * commits by itself. What reached the server is read from its general log, per connection.
 */
class ManualCommitConnectionsTest extends IntegrationTest {

  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  /** The general log is switched and read through a connection of its own, outside the pool it watches. */
  private Connection logReader;

  @BeforeEach
  void probeTableAndGeneralLog() throws SQLException {
    jdbc.execute("CREATE TABLE IF NOT EXISTS manual_commit_probe (id VARCHAR(64) PRIMARY KEY)");
    logReader = DriverManager.getConnection(TestInfrastructure.database().jdbcUrl(), "root", "");
    try (Statement log = logReader.createStatement()) {
      log.execute("TRUNCATE TABLE mysql.general_log");
      log.execute("SET GLOBAL log_output = 'TABLE'");
      log.execute("SET GLOBAL general_log = ON");
    }
  }

  @AfterEach
  void generalLogOff() throws SQLException {
    try (Statement log = logReader.createStatement()) {
      log.execute("SET GLOBAL general_log = OFF");
      log.execute("TRUNCATE TABLE mysql.general_log");
    } finally {
      logReader.close();
    }
  }

  @Test
  void aTransactionSendsItsStatementsAndOneCommitOnly() throws SQLException {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    long connection = transaction.execute(status -> {
      jdbc.update("INSERT INTO manual_commit_probe (id) VALUES (?)", first);
      jdbc.update("INSERT INTO manual_commit_probe (id) VALUES (?)", second);
      return jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
    });

    // the command before the transaction's first statement (where the switch to manual commit was sent), its
    // statements and its COMMIT; the connection may have served others before and after
    List<String> sent = commands(connection);
    int begin = indexOf(sent, first, 0) - 1;
    int end = indexOf(sent, "Query COMMIT", begin + 1);
    assertThat(sent.subList(Math.max(begin, 0), end + 1)).as("what the transaction's connection sent, of %s", sent)
        .noneMatch(c -> c.contains("autocommit"))
        .endsWith("Query COMMIT")
        .filteredOn(c -> c.equals("Query COMMIT")).hasSize(1);
    assertThat(stored(first, second)).isEqualTo(2);
  }

  @Test
  void aRolledBackTransactionLeavesNothing() {
    String id = UUID.randomUUID().toString();

    transaction.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO manual_commit_probe (id) VALUES (?)", id);
      status.setRollbackOnly();
    });

    assertThat(stored(id)).isZero();
  }

  @Test
  void aStatementOutsideATransactionCommitsByItself() throws SQLException {
    String id = UUID.randomUUID().toString();

    long connection = jdbc.execute((ConnectionCallback<Long>) con -> {
      assertThat(con.getAutoCommit()).as("a connection taken outside a transaction").isTrue();
      try (PreparedStatement insert = con.prepareStatement("INSERT INTO manual_commit_probe (id) VALUES (?)")) {
        insert.setString(1, id);
        insert.executeUpdate();
      }
      return connectionId(con);
    });

    List<String> sent = commands(connection);
    assertThat(sent.get(indexOf(sent, id, 0) - 1)).as("before the statement, of %s", sent)
        .isEqualTo("Query SET autocommit=1");
    assertThat(stored(id)).as("seen from another connection").isEqualTo(1);
  }

  @Test
  void switchingBackToAutoCommitCommitsWhatRanBefore() throws Exception {
    String id = UUID.randomUUID().toString();

    try (Connection con = dataSource.getConnection()) {
      insertInManualCommit(con, id);
      con.setAutoCommit(true);
    }

    assertThat(stored(id)).as("committed by the switch, not rolled back by the pool").isEqualTo(1);
  }

  @Test
  void aConnectionLeftInManualCommitIsRolledBackByThePool() throws Exception {
    String id = UUID.randomUUID().toString();

    try (Connection con = dataSource.getConnection()) {
      insertInManualCommit(con, id);
    }

    assertThat(stored(id)).as("never committed").isZero();
  }

  private static void insertInManualCommit(Connection con, String id) throws SQLException {
    con.setAutoCommit(false);
    try (PreparedStatement insert = con.prepareStatement("INSERT INTO manual_commit_probe (id) VALUES (?)")) {
      insert.setString(1, id);
      insert.executeUpdate();
    }
  }

  private int stored(String... ids) {
    int count = 0;
    for (String id : ids) {
      count += jdbc.queryForObject("SELECT COUNT(*) FROM manual_commit_probe WHERE id = ?", Integer.class, id);
    }
    return count;
  }

  private static long connectionId(Connection con) throws SQLException {
    try (PreparedStatement id = con.prepareStatement("SELECT CONNECTION_ID()"); ResultSet row = id.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** "Query COMMIT", "Execute INSERT …": what one connection sent while the general log was on, in order. */
  private List<String> commands(long connection) throws SQLException {
    List<String> sent = new ArrayList<>();
    try (PreparedStatement log = logReader.prepareStatement(
        "SELECT command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE thread_id = ?")) {
      log.setLong(1, connection);
      try (ResultSet row = log.executeQuery()) {
        while (row.next()) {
          sent.add(row.getString(1) + " " + row.getString(2).replaceAll("\\s+", " ").trim());
        }
      }
    }
    return sent;
  }

  private static int indexOf(List<String> sent, String part, int from) {
    for (int i = from; i < sent.size(); i++) {
      if (sent.get(i).contains(part)) {
        return i;
      }
    }
    throw new AssertionError("no command with " + part + " from " + from + " in " + sent);
  }
}
