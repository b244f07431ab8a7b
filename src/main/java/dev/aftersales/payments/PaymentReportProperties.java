package dev.aftersales.payments;

import dev.aftersales.messages.MessagePublishing;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publishTimeout how long publishing may take before the channel is told to send the payment again
 * @param orderPaidTtl how long the engine keeps order-paid for an exception case that is not waiting yet (the
 *     customer may pay while the pay link is still being sent); the deadline itself is the decision's, so no
 *     model timer gives it. difference-paid lives as long as the exchange's wait (ModelTimers).
 */
@ConfigurationProperties("aftersales.payment-reports")
public record PaymentReportProperties(
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("1h") Duration orderPaidTtl) {

  MessagePublishing publishing(DuePayment.Kind kind) {
    Duration ttl = kind == DuePayment.Kind.ORDER ? orderPaidTtl : null;
    return new MessagePublishing() {
      @Override
      public Duration messageTtl() {
        return ttl;
      }

      @Override
      public Duration publishTimeout() {
        return publishTimeout;
      }
    };
  }
}
