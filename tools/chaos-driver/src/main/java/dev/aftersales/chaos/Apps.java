package dev.aftersales.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application under test as separate processes (one per slot: the second slot is the second instance),
 * each started from the test classpath's product classes with an external database, the engine's gateway and
 * the fakes; {@link #crash} is {@code kill -9} ({@link Process#destroyForcibly()} sends SIGKILL on Linux).
 */
final class Apps implements AutoCloseable {

  /** One slot: a port and the process currently serving it (null while none runs). */
  static final class Slot {
    final int index;
    final int port;
    volatile Process process;
    volatile boolean healthy;
    volatile long startedAt;
    /** When the health endpoint first answered UP since the last start (0: not yet). */
    volatile long healthySince;
    int generation;

    Slot(int index, int port) {
      this.index = index;
      this.port = port;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + port;
    }
  }

  private final List<String> command;
  private final Path logs;
  private final List<Slot> slots = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final AtomicInteger crashes = new AtomicInteger();
  final AtomicInteger starts = new AtomicInteger();

  Apps(List<String> command, Path logs, int... ports) {
    this.command = command;
    this.logs = logs;
    for (int i = 0; i < ports.length; i++) {
      slots.add(new Slot(i, ports[i]));
    }
  }

  Slot slot(int index) {
    return slots.get(index);
  }

  List<Slot> healthy() {
    return slots.stream().filter(s -> s.healthy && s.process != null && s.process.isAlive()).toList();
  }

  /** The instances that have served for at least this long: a crash hits one that got work done first. */
  List<Slot> servingFor(java.time.Duration atLeast) {
    long now = System.nanoTime();
    return healthy().stream().filter(s -> s.healthySince != 0 && now - s.healthySince >= atLeast.toNanos()).toList();
  }

  synchronized void start(Slot slot) throws IOException {
    if (slot.process != null && slot.process.isAlive()) {
      return;
    }
    slot.generation++;
    List<String> cmd = new ArrayList<>(command);
    cmd.add("--server.port=" + slot.port);
    ProcessBuilder builder = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("app-" + slot.index + ".log").toFile()));
    slot.healthy = false;
    slot.healthySince = 0;
    slot.startedAt = System.nanoTime();
    slot.process = builder.start();
    starts.incrementAndGet();
  }

  /** kill -9, counted as a crash (the caller restarts the slot; synchronized with {@link #start}). */
  synchronized void crash(Slot slot) {
    Process p = slot.process;
    slot.healthy = false;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      crashes.incrementAndGet();
      waitFor(p);
    }
  }

  /**
   * Stops an instance for good (the second instance leaves the run, the end of the run) with SIGTERM, so that
   * the JVM writes its class-data archive for the next starts; kill -9 after 30 s.
   */
  void stop(Slot slot) {
    Process p = slot.process;
    slot.healthy = false;
    if (p != null && p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
          waitFor(p);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    slot.process = null;
  }

  /** Whether the slot's application answers its health endpoint as UP; marks it healthy then. */
  boolean probe(Slot slot) {
    Process p = slot.process;
    if (p == null || !p.isAlive()) {
      slot.healthy = false;
      return false;
    }
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(slot.baseUrl() + "/actuator/health"))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
      slot.healthy = answer.statusCode() == 200 && answer.body().contains("UP");
      if (slot.healthy && slot.healthySince == 0) {
        slot.healthySince = System.nanoTime();
      }
    } catch (IOException e) {
      slot.healthy = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return slot.healthy;
  }

  /** Waits until the slot is healthy; false when the process died or the time ran out. */
  boolean awaitHealthy(Slot slot, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (probe(slot)) {
        return true;
      }
      if (slot.process == null || !slot.process.isAlive()) {
        return false;
      }
      Thread.sleep(500);
    }
    return false;
  }

  @Override
  public void close() {
    for (Slot slot : slots) {
      stop(slot);
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
