package dev.aftersales.receipts;

import dev.aftersales.messages.MessagePublishing;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message lives as long as the model waits for it (ModelTimers).
 *
 * @param publishTimeout how long publishing may take before the warehouse is told to send the receipt again
 */
@ConfigurationProperties("aftersales.receipts")
public record ReceiptProperties(
    @DefaultValue("10s") Duration publishTimeout) implements MessagePublishing {}
