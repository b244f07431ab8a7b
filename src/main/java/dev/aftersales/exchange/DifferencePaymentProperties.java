package dev.aftersales.exchange;

import dev.aftersales.messages.MessagePublishing;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param messageTtl how long the engine keeps difference-paid for an exchange that is not waiting yet
 *     (the customer may pay before the request step has finished); the process waits 48 hours at most
 * @param publishTimeout how long publishing may take before the channel is told to send the payment again
 */
@ConfigurationProperties("aftersales.difference-payments")
public record DifferencePaymentProperties(
    @DefaultValue("48h") Duration messageTtl,
    @DefaultValue("10s") Duration publishTimeout) implements MessagePublishing {}
