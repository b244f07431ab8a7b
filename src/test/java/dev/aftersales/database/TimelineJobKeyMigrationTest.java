package dev.aftersales.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V21 moves the key of the job that wrote an entry once (a decision's record, an agent's task) from the entry's
 * details into a column with a unique key per case and kind. A store written before it keeps its entries: the first
 * entry of each job and kind takes the key, a second one written by two deliveries of the job at once keeps none
 * (so the unique key can be built), and entries of no job keep none.
 */
class TimelineJobKeyMigrationTest {

  @Test
  void theFirstEntryOfEachJobAndKindTakesItsKeyAndASecondCannotBeWritten() throws Exception {
    EmbeddedMariaDb database = TestInfrastructure.database();
    String server = "jdbc:mysql://localhost:" + database.port() + "/";
    String schema = "migration_v21_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    // ONLY_FULL_GROUP_BY, which MySQL 8 sets by default and MariaDB does not: the migration's grouping must pass it
    String url = server + schema + "?sslMode=DISABLED&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
        + "&sessionVariables=sql_mode='ONLY_FULL_GROUP_BY'";
    execute(server + "?sslMode=DISABLED", "CREATE DATABASE " + schema);
    try {
      migrate(url, "20");
      Map<String, Long> ids = new LinkedHashMap<>();
      try (Connection c = DriverManager.getConnection(url, "root", "");
          Statement s = c.createStatement()) {
        s.execute("SET FOREIGN_KEY_CHECKS = 0"); // entries without their cases: the migration reads entries alone
        ids.put("decision", insert(c, "C-1", "DECISION", "{\"decisionId\":\"return-eligibility\",\"jobKey\":101}"));
        ids.put("decision again", insert(c, "C-1", "DECISION", "{\"decisionId\":\"return-eligibility\",\"jobKey\":101}"));
        ids.put("task", insert(c, "C-1", "HUMAN_TASK", "{\"task\":\"review\",\"jobKey\":101}"));
        ids.put("other case", insert(c, "C-2", "DECISION", "{\"jobKey\":101}"));
        ids.put("no job", insert(c, "C-1", "STATUS", "{\"type\":\"RETURN\"}"));
        ids.put("no details", insert(c, "C-1", "STATUS", null));
      }

      migrate(url, "latest");

      Map<Long, Long> keys = new LinkedHashMap<>();
      try (Connection c = DriverManager.getConnection(url, "root", "");
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT id, job_key FROM timeline_entry")) {
        while (rows.next()) {
          long id = rows.getLong(1);
          long key = rows.getLong(2);
          keys.put(id, rows.wasNull() ? null : key);
        }
      }
      assertThat(keys.get(ids.get("decision"))).isEqualTo(101L);
      assertThat(keys.get(ids.get("decision again"))).as("a second entry of the same job and kind").isNull();
      assertThat(keys.get(ids.get("task"))).as("the same job's entry of another kind").isEqualTo(101L);
      assertThat(keys.get(ids.get("other case"))).isEqualTo(101L);
      assertThat(keys.get(ids.get("no job"))).isNull();
      assertThat(keys.get(ids.get("no details"))).isNull();

      try (Connection c = DriverManager.getConnection(url, "root", "");
          Statement s = c.createStatement()) {
        s.execute("SET FOREIGN_KEY_CHECKS = 0");
        assertThatThrownBy(() -> insert(c, "C-1", "DECISION", "{\"jobKey\":101}", 101L))
            .isInstanceOf(SQLIntegrityConstraintViolationException.class).hasMessageContaining("ux_timeline_job");
        insert(c, "C-1", "DECISION", "{\"jobKey\":102}", 102L);
        insert(c, "C-1", "STATUS", null, null);
        insert(c, "C-1", "STATUS", null, null);
      }
    } finally {
      execute(server + "?sslMode=DISABLED", "DROP DATABASE " + schema);
    }
  }

  private static void migrate(String url, String target) {
    Flyway.configure().dataSource(url, "root", "").locations("classpath:db/migration").target(target).load()
        .migrate();
  }

  private static long insert(Connection c, String caseId, String kind, String details) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO timeline_entry (case_id, occurred_at, kind, actor, summary, details)
        VALUES (?, CURRENT_TIMESTAMP(6), ?, 'worker:test', 'entry', ?)""", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, caseId);
      insert.setString(2, kind);
      insert.setString(3, details);
      insert.executeUpdate();
      try (ResultSet key = insert.getGeneratedKeys()) {
        key.next();
        return key.getLong(1);
      }
    }
  }

  private static void insert(Connection c, String caseId, String kind, String details, Long jobKey)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO timeline_entry (case_id, occurred_at, kind, actor, summary, details, job_key)
        VALUES (?, CURRENT_TIMESTAMP(6), ?, 'worker:test', 'entry', ?, ?)""")) {
      insert.setString(1, caseId);
      insert.setString(2, kind);
      insert.setString(3, details);
      insert.setObject(4, jobKey);
      insert.executeUpdate();
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "root", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
