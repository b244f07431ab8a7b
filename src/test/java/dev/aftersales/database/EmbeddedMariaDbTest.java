package dev.aftersales.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded server of tests, the local stack and the benchmark, as the application connects to it. */
class EmbeddedMariaDbTest {

  @Test
  void connectionsOverTheLoopbackSkipTls() throws Exception {
    EmbeddedMariaDb database = TestInfrastructure.database();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "root", "");
        Statement s = c.createStatement();
        ResultSet cipher = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
      assertThat(cipher.next()).isTrue();
      assertThat(cipher.getString(2)).as("the session's TLS cipher").isEmpty();
    }
  }
}
