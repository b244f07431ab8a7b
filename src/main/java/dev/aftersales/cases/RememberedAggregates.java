package dev.aftersales.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Aggregates of one kind as this instance last read or wrote them, each with the version the store held it at
 * ({@link CaseCache}): a copy is handed out only for the version the store holds now, and an aggregate is remembered
 * only once the transaction that read or wrote it has committed.
 *
 * @param <T> a versioned aggregate whose {@code copy} shares nothing mutable with it
 */
final class RememberedAggregates<T> {

  private record Remembered<T>(int version, T state) {}

  private final Map<String, Remembered<T>> remembered = new ConcurrentHashMap<>();
  private final int max;
  private final Function<T, String> id;
  private final Function<T, Integer> version;
  private final UnaryOperator<T> copy;
  private final Counter fromMemoryCount;
  private final Counter fromStoreCount;

  /**
   * @param aggregate the tag of this kind's meters ({@code case}, {@code order-snapshot})
   * @param max how many it remembers; a new one beyond that takes the place of an arbitrary other one; 0: none, every
   *     load reads the store
   */
  RememberedAggregates(String aggregate, int max, Function<T, String> id, Function<T, Integer> version,
      UnaryOperator<T> copy, MeterRegistry registry) {
    this.max = max;
    this.id = id;
    this.version = version;
    this.copy = copy;
    String description = "Loads by id: from the instance's memory (the store held it at the version remembered) or "
        + "from the store";
    this.fromMemoryCount = Counter.builder("aftersales.cases.loads").description(description)
        .tag("aggregate", aggregate).tag("from", "memory").register(registry);
    this.fromStoreCount = Counter.builder("aftersales.cases.loads").description(description)
        .tag("aggregate", aggregate).tag("from", "store").register(registry);
    Gauge.builder("aftersales.cases.remembered", remembered, Map::size)
        .description("Aggregates this instance remembers with their version").tag("aggregate", aggregate)
        .register(registry);
  }

  boolean enabled() {
    return max > 0;
  }

  /**
   * The aggregate as the store holds it now: a copy of what is remembered at the version the store holds, else read
   * from the store and remembered once the reading transaction commits.
   *
   * @param storedVersion the version the store holds now, read in the loading transaction; empty when it holds none
   * @param fromStore reads the aggregate from the store (null when it holds none)
   * @param completeCopy completes a remembered copy with what the store holds beside the version
   */
  Optional<T> load(String aggregateId, Optional<Integer> storedVersion, Supplier<T> fromStore,
      UnaryOperator<T> completeCopy) {
    if (storedVersion.isEmpty()) {
      remembered.remove(aggregateId);
      return Optional.empty();
    }
    Remembered<T> known = remembered.get(aggregateId);
    if (known != null && known.version() == storedVersion.get()) {
      fromMemoryCount.increment();
      return Optional.of(completeCopy.apply(copy.apply(known.state())));
    }
    fromStoreCount.increment();
    T read = fromStore.get();
    if (read != null) {
      rememberAfterCommit(read);
    }
    return Optional.ofNullable(read);
  }

  /**
   * Remembers the aggregate as it is now (read from the store or just saved) once the current transaction commits;
   * at once when there is none (what was read outside a transaction is committed).
   */
  void rememberAfterCommit(T aggregate) {
    if (!enabled() || version.apply(aggregate) == null) {
      return;
    }
    T state = copy.apply(aggregate);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      remember(state);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        remember(state);
      }
    });
  }

  /**
   * Keeps the later of two versions: a slow reader's commit never replaces what a writer stored after it. Full, it
   * forgets an arbitrary other aggregate for a new one, not all of them: forgetting all at once made every step of every
   * case in flight read the store at the same moment (and, likely, a pinned statement count of a test read its case's
   * row and lines once more in the CI run of 8 December 2026 at 00:10, the full test suite filling the memory then).
   */
  private void remember(T state) {
    String key = id.apply(state);
    if (remembered.size() >= max && !remembered.containsKey(key)) {
      Iterator<String> others = remembered.keySet().iterator();
      if (others.hasNext()) {
        others.next();
        others.remove();
      }
    }
    remembered.merge(key, new Remembered<>(version.apply(state), state),
        (before, now) -> now.version() >= before.version() ? now : before);
  }
}
