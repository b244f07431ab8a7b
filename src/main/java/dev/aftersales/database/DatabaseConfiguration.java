package dev.aftersales.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
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
  @ConfigurationProperties("spring.datasource.hikari") // pool settings apply as for an external database
  DataSource dataSource(EmbeddedMariaDb server) {
    HikariDataSource dataSource = DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .driverClassName("com.mysql.cj.jdbc.Driver")
        .url(server.jdbcUrl())
        .username("root")
        .password("")
        .build();
    dataSource.setPoolName("case-store");
    return dataSource;
  }
}
