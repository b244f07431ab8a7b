package dev.aftersales.payments;

import dev.aftersales.messages.MessagePublishing;
import dev.aftersales.messages.RepublishSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publishTimeout how long publishing may take before the channel is told to send the payment again
 * @param orderPaidTtl how long the engine keeps order-paid for an exception case that is not waiting yet (the
 *     customer may pay while the pay link is still being sent); the deadline itself is the decision's, so no
 *     model timer gives it. difference-paid lives as long as the exchange's wait (ModelTimers).
 * @param republishEnabled run the retry that hands on a payment stored without it: tells the waiting process, or
 *     refunds a late payment (the application stopped, the engine failed or the refund was refused between the
 *     report's commit and the hand-on, and the channel did not send the report again; integration tests switch it
 *     off: other tests' payments would be handed on)
 * @param republishDelay pause between two runs of the retry
 * @param republishAfter a payment is handed on by the retry only when it was stored longer ago than this
 */
@ConfigurationProperties("aftersales.payment-reports")
public record PaymentReportProperties(
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("1h") Duration orderPaidTtl,
    @DefaultValue("true") boolean republishEnabled,
    @DefaultValue("1m") Duration republishDelay,
    @DefaultValue("5m") Duration republishAfter) implements RepublishSettings {

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
