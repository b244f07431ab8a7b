package dev.aftersales.cases;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Loads an aggregate whose children are all collections in one statement (Spring Data JDBC's single query
 * loading): the case, now that its one-to-one parts are aggregates of their own, is read with its order lines,
 * return lines and evidence in one SELECT instead of four (docs/benchmarks.md). Aggregates that do not qualify
 * are loaded as before.
 */
@Configuration(proxyBeanMethods = false)
class CaseStoreConfiguration {

  @Bean
  static BeanPostProcessor singleQueryLoading() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof RelationalMappingContext mapping) {
          mapping.setSingleQueryLoadingEnabled(true);
        }
        return bean;
      }
    };
  }
}
