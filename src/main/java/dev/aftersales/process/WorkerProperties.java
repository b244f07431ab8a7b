package dev.aftersales.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How workers retry technical failures ({@link RetryingJobExceptionHandler}).
 *
 * <p>The defaults ride through a 10-minute outage of a surrounding system without an incident: 10
 * attempts with a backoff doubling from 5 s up to 2 min wait 5+10+20+40+80+120+120+120+120 s = 10 min
 * 35 s between the first and the last attempt.
 *
 * @param maxRetries attempts of a job before its failure becomes an incident (the budget; the models'
 *     own {@code retries} are not used)
 * @param initialBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param contentionBackoff wait after a failure that is no failure of the step: the other system is still
 *     processing the same idempotency key (409), or another worker saved the case first (optimistic lock);
 *     such attempts do not count against the budget
 */
@ConfigurationProperties("aftersales.workers")
public record WorkerProperties(
    @DefaultValue("10") int maxRetries,
    @DefaultValue("5s") Duration initialBackoff,
    @DefaultValue("2m") Duration maxBackoff,
    @DefaultValue("2s") Duration contentionBackoff) {}
