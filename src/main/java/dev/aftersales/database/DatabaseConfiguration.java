package dev.aftersales.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded MariaDB unless {@code aftersales.database.embedded.enabled=false}, in which
 * case Spring Boot's own {@code spring.datasource.*} points at an external MySQL 8 or MariaDB.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "aftersales.database.embedded.enabled", havingValue = "true", matchIfMissing = true)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
    return EmbeddedMariaDb.start(properties.directory(), properties.port(), properties.database());
  }

  @Bean
  DataSource dataSource(EmbeddedMariaDb server, DataSourceProperties properties) {
    HikariDataSource dataSource = properties.initializeDataSourceBuilder()
        .type(HikariDataSource.class)
        .url(server.jdbcUrl())
        .username("root")
        .password("")
        .build();
    dataSource.setPoolName("case-store");
    return dataSource;
  }
}
