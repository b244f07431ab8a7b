package dev.aftersales.testsupport;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import java.util.function.Consumer;

/**
 * Follows the in-memory engine's log as it is written: each call hands on the records written since the one before,
 * each record once and in order, raw, so that a follower decodes only what it needs (the local stack's user tasks,
 * the benchmark's observation point). zeebe-process-test's in-memory log is a plain list that the engine appends to:
 * a reader racing the append can meet a slot before its entry (a NullPointerException in the reader). A call that
 * meets one stops there, keeps what it read, and says so ({@link #raced()}); the next call goes on after the last
 * record taken. Not thread-safe: one follower per reading thread, or its owner's lock.
 */
public final class LogFollower {

  private final LogStreamReader reader;
  /** The position of the last record taken; -1 before the first. */
  private long lastPosition = -1;
  private int read;
  private boolean raced;

  LogFollower(LogStreamReader reader) {
    this.reader = reader;
  }

  /** Hands each record written since the last call to {@code take}, in the order of the log; returns how many. */
  public int readNew(Consumer<LoggedEvent> take) {
    raced = false;
    try {
      if (lastPosition < 0) {
        reader.seekToFirstEvent();
      } else {
        reader.seekToNextEvent(lastPosition);
      }
    } catch (NullPointerException racingTheAppend) {
      raced = true;
      return 0;
    }
    int taken = 0;
    while (true) {
      LoggedEvent event;
      try {
        if (!reader.hasNext()) {
          return taken;
        }
        event = reader.next();
      } catch (NullPointerException racingTheAppend) {
        raced = true;
        return taken;
      }
      take.accept(event);
      lastPosition = event.getPosition();
      taken++;
      read++;
    }
  }

  /** Whether the last call stopped at a record still being appended (the rest comes with the next call). */
  public boolean raced() {
    return raced;
  }

  /** The position of the last record handed on; -1 before the first. */
  public long lastPosition() {
    return lastPosition;
  }

  /** How many records of the log this follower has handed on; each is handed on once. */
  public int recordsRead() {
    return read;
  }
}
