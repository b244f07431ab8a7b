package dev.aftersales.receipts;

import dev.aftersales.messages.MessagePublishing;
import dev.aftersales.messages.RepublishSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message lives as long as the model waits for it (ModelTimers).
 *
 * @param publishTimeout how long publishing may take before the warehouse is told to send the receipt again
 * @param republishEnabled run the retry that tells the process of a parcel recorded without its message (the
 *     application stopped or the engine failed between the receipt's commit and the message; integration tests
 *     switch it off: other tests' cases would be told)
 * @param republishDelay pause between two runs of the retry
 * @param republishAfter a parcel is told again only when it was recorded longer ago than this
 */
@ConfigurationProperties("aftersales.receipts")
public record ReceiptProperties(
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("true") boolean republishEnabled,
    @DefaultValue("1m") Duration republishDelay,
    @DefaultValue("5m") Duration republishAfter) implements MessagePublishing, RepublishSettings {}
