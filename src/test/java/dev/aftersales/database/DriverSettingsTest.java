package dev.aftersales.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import dev.aftersales.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The driver settings the application gives every connection (application.yaml,
 * {@code spring.datasource.hikari.data-source-properties}) hold for a merchant's URL that names none of them.
 */
class DriverSettingsTest extends IntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void aBareUrlGetsAUtcSessionAndBatchesRewrittenIntoOneStatement() throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    String url = pool.getJdbcUrl();
    String bare = url.substring(0, url.indexOf('?')) + "?sslMode=DISABLED";
    Properties properties = new Properties();
    properties.putAll(pool.getDataSourceProperties());
    properties.put("user", pool.getUsername());
    properties.put("password", pool.getPassword() == null ? "" : pool.getPassword());

    try (Connection connection = DriverManager.getConnection(bare, properties);
        Statement statement = connection.createStatement();
        ResultSet zone = statement.executeQuery("SELECT @@session.time_zone")) {
      zone.next();
      // TIMESTAMP(3) columns hold UTC instants: the server converts from the session's zone, never the server's own
      assertThat(zone.getString(1)).isIn("UTC", "+00:00");
      assertThat(connection.unwrap(JdbcConnection.class).getPropertySet()
          .getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue()).isTrue();
    }
  }
}
