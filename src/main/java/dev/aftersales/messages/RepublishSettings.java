package dev.aftersales.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The retry of a store-then-publish API: what was stored but whose process may not have been told (the application
 * stopped, or the engine failed, between the commit and the message) is published again, under its own message id,
 * by a scheduled task on every application instance.
 */
public interface RepublishSettings {

  /** Whether the retry runs (integration tests switch it off and drive it themselves). */
  boolean republishEnabled();

  /** The pause between two runs. */
  Duration republishDelay();

  /** What was stored longer ago than this is the retry's; younger is still its request's own. */
  Duration republishAfter();

  /** Runs {@code retry} every {@link #republishDelay} for what was stored before now minus {@link #republishAfter}. */
  default void schedule(ScheduledTaskRegistrar registrar, Clock clock, Consumer<Instant> retry) {
    if (republishEnabled()) {
      registrar.addFixedDelayTask(() -> retry.accept(clock.instant().minus(republishAfter())), republishDelay());
    }
  }
}
