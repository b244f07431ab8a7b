package dev.aftersales.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.process.Messages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A message published before its process waits lives as long as the model waits for it: the timer that
 * races it in the deployed models, not a copy of that timer in configuration.
 */
class ModelTimersTest {

  private final ModelTimers timers = new ModelTimers("file:bpmn/*.bpmn");

  @Test
  void aParcelIsKeptAsLongAsTheReturnWaitsForIt() {
    assertThat(timers.waitFor(Messages.PARCEL_RECEIVED)).contains(Duration.ofDays(7));
  }

  @Test
  void aDifferencePaymentIsKeptAsLongAsTheExchangeWaitsForIt() {
    assertThat(timers.waitFor(Messages.DIFFERENCE_PAID)).contains(Duration.ofHours(48));
  }

  @Test
  void aWaitUntilADateOfTheCaseSetsNoTimeToLive() {
    assertThat(timers.waitFor(Messages.STOCK_ARRIVED)).isEmpty();
  }
}
