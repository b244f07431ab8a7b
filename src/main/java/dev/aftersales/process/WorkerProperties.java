package dev.aftersales.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How workers retry technical failures. The retry count itself is the task's {@code retries} in the
 * model (the engine's default of 3 unless a task says otherwise); {@code maxRetries} must match it
 * so that the backoff can tell which attempt failed.
 */
@ConfigurationProperties("aftersales.workers")
public record WorkerProperties(
    @DefaultValue("3") int maxRetries,
    @DefaultValue("5s") Duration initialBackoff,
    @DefaultValue("5m") Duration maxBackoff) {}
