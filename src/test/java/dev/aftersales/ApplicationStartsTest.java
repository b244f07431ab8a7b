package dev.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApplicationStartsTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void schemaIsMigratedOnMariaDb() {
    assertThat(jdbc.sql("SELECT VERSION()").query(String.class).single()).containsIgnoringCase("mariadb");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM after_sales_case").query(Integer.class).single()).isNotNull();
  }
}
