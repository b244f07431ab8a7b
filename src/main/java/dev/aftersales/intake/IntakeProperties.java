package dev.aftersales.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How intake starts processes. A case is stored first and the request answered after the commit; the
 * stored case waiting for its process is the outbox: the starter takes it at once on its own threads,
 * and if that start fails (engine down, timeout, app stopped in between) the retry starts it later.
 *
 * @param startRetryEnabled run the retry (integration tests switch it off: other tests' cases would be started)
 * @param processStartTimeout how long the start after the commit may take before it is left to the retry
 * @param startRetryDelay pause between two runs of the retry
 * @param startRetryMinAge a case without a process is retried only when older than this, so the retry
 *     never races the start that follows the commit
 * @param startThreads threads that start the processes of the cases intake just committed
 */
@ConfigurationProperties("aftersales.intake")
public record IntakeProperties(
    @DefaultValue("true") boolean startRetryEnabled,
    @DefaultValue("10s") Duration processStartTimeout,
    @DefaultValue("30s") Duration startRetryDelay,
    @DefaultValue("2m") Duration startRetryMinAge,
    @DefaultValue("2") int startThreads) {}
