package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The instance's memory when full: a new aggregate takes the place of one other, the rest stay remembered. */
class RememberedAggregatesTest {

  private record Thing(String id, Integer version) {}

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RememberedAggregates<Thing> memory = new RememberedAggregates<>("thing", 3, Thing::id, Thing::version,
      UnaryOperator.identity(), meters);

  @Test
  void aFullMemoryForgetsOneOtherForANewOneNotAll() {
    for (String id : List.of("a", "b", "c", "d")) {
      memory.rememberAfterCommit(new Thing(id, 1)); // outside a transaction: remembered at once
    }

    assertThat(meters.get("aftersales.cases.remembered").gauge().value()).isEqualTo(3);
    long fromMemory = List.of("a", "b", "c", "d").stream().filter(this::fromMemory).count();
    assertThat(fromMemory).as("the new one and two of the others").isEqualTo(3);
    assertThat(fromMemory("d")).as("the newest").isTrue();
    memory.rememberAfterCommit(new Thing("d", 2));
    assertThat(meters.get("aftersales.cases.remembered").gauge().value()).as("a known one replaces itself").isEqualTo(3);
  }

  /** Loads the thing at version 1: true when the memory answered, without the store. */
  private boolean fromMemory(String id) {
    boolean[] fromStore = {false};
    memory.load(id, Optional.of(1), () -> {
      fromStore[0] = true;
      return null; // not put back: the count of what is remembered stays as it was
    }, UnaryOperator.identity());
    return !fromStore[0];
  }
}
