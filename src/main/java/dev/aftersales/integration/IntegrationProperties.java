package dev.aftersales.integration;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the surrounding systems are. One base URL serves all of them (the sandbox) unless a system
 * has its own entry in {@code systems}, e.g. {@code aftersales.integration.systems.payments=https://pay.example}.
 *
 * @param baseUrl default base URL of every system
 * @param systems per-system base URL overrides, keyed by {@link SurroundingSystem#key()}
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for an answer before the call counts as failed (and the job is retried)
 */
@ConfigurationProperties("aftersales.integration")
public record IntegrationProperties(
    @DefaultValue("http://localhost:8099") URI baseUrl,
    Map<String, URI> systems,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  public URI baseUrlOf(SurroundingSystem system) {
    return systems != null && systems.containsKey(system.key()) ? systems.get(system.key()) : baseUrl;
  }
}
