package dev.aftersales.receipts;

import dev.aftersales.messages.MessagePublishing;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param messageTtl how long the engine keeps a published parcel-received message for an instance
 *     that is not waiting yet; it also bounds the window in which a re-published receipt is recognised
 *     as the same message
 * @param publishTimeout how long publishing may take before the warehouse is told to send the receipt again
 */
@ConfigurationProperties("aftersales.receipts")
public record ReceiptProperties(
    @DefaultValue("7d") Duration messageTtl,
    @DefaultValue("10s") Duration publishTimeout) implements MessagePublishing {}
