package dev.aftersales.outofstock;

import dev.aftersales.messages.MessagePublishing;
import dev.aftersales.messages.RepublishSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How woken backorders are told.
 *
 * @param messageTtl how long the engine keeps a stock-arrived message for an instance that is not
 *     waiting at that moment (it is between two steps, or its contact task is being opened)
 * @param publishTimeout how long one publication may take
 * @param republishEnabled run the retry that publishes again for woken cases whose process did not
 *     move on (integration tests switch it off: other tests' cases would be published)
 * @param republishDelay pause between two runs of the retry
 * @param republishAfter a woken case is published again only when its stock was allocated longer ago than this
 */
@ConfigurationProperties("aftersales.stock-arrivals")
public record StockArrivalProperties(
    @DefaultValue("1h") Duration messageTtl,
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("true") boolean republishEnabled,
    @DefaultValue("1m") Duration republishDelay,
    @DefaultValue("5m") Duration republishAfter) implements MessagePublishing, RepublishSettings {}
