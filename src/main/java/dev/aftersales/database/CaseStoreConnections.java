package dev.aftersales.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The case store's connection pool, embedded or external: its connections in manual commit. */
@Configuration(proxyBeanMethods = false)
class CaseStoreConnections {

  /** Declared as its own type: the container sees it is {@code PriorityOrdered} before creating it. */
  @Bean
  static ManualCommitConnections manualCommitConnections() {
    return new ManualCommitConnections();
  }
}
