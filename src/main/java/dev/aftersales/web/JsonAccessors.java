package dev.aftersales.web;

import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's JSON mapper (Spring Boot registers every Jackson module bean with it) reads and writes the
 * properties of beans and records through accessors generated once per property ({@link BlackbirdModule}), not
 * through reflection on every call: the timeline's details, the API's bodies and the surrounding systems' requests
 * and answers. The JSON is the same; in the benchmark's profile Jackson was about a tenth of the application's CPU
 * (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class JsonAccessors {

  @Bean
  BlackbirdModule blackbirdModule() {
    return new BlackbirdModule();
  }
}
