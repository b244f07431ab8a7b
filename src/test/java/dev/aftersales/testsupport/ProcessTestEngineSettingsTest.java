package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A setting given at the start is the engine's ({@link ProcessTestEngine#start(java.util.function.Consumer)}): the
 * benchmark's engine removes expired messages every 5 seconds (docs/benchmarks.md), where the default checks once a
 * minute, so a message outlived its time to live by up to a minute in the state the in-memory engine copies.
 */
class ProcessTestEngineSettingsTest {

  @Test
  void expiredMessagesAreRemovedAsOftenAsTheSettingSays() throws InterruptedException {
    try (ProcessTestEngine engine = ProcessTestEngine.start(
        configuration -> configuration.setMessagesTtlCheckerInterval(Duration.ofMillis(300)))) {
      engine.client().newPublishMessageCommand().messageName("probe").correlationKey("k-1")
          .timeToLive(Duration.ofMillis(100)).send().join();
      assertThat(engine.stateEntries()).containsEntry(ZbColumnFamilies.MESSAGES, 1);

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (engine.stateEntries().containsKey(ZbColumnFamilies.MESSAGES) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      assertThat(engine.stateEntries()).doesNotContainKey(ZbColumnFamilies.MESSAGES);
    }
  }
}
