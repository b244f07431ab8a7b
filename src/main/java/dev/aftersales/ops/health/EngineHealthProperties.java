package dev.aftersales.ops.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine check of the readiness probe ({@link EngineHealthIndicator}).
 *
 * @param timeout how long the gateway may take to answer the topology request; keep it below the probe's
 *     {@code timeoutSeconds} (deploy/kubernetes/app/deployment.yaml) so that a slow gateway reads as DOWN,
 *     not as a probe that timed out without saying why
 */
@ConfigurationProperties("aftersales.health.engine")
public record EngineHealthProperties(@DefaultValue("3s") Duration timeout) {}
