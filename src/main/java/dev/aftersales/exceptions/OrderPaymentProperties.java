package dev.aftersales.exceptions;

import dev.aftersales.messages.MessagePublishing;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param messageTtl how long the engine keeps order-paid for an exception case that is not waiting yet (the
 *     customer may pay while the pay link is still being sent); the deadline itself is the model's
 * @param publishTimeout how long publishing may take before the channel is told to send the payment again
 */
@ConfigurationProperties("aftersales.order-payments")
public record OrderPaymentProperties(
    @DefaultValue("1h") Duration messageTtl,
    @DefaultValue("10s") Duration publishTimeout) implements MessagePublishing {}
