package dev.aftersales.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time by part of the run: the threads of this JVM by what they serve (per-thread CPU from the
 * {@link ThreadMXBean}), the embedded MariaDB and the stand-ins by process ({@code /proc/<pid>/stat}, through
 * {@link ProcessHandle.Info#totalCpuDuration()}). A thread's CPU is sampled every 200 ms, so a thread that ends
 * between samples loses at most its last 200 ms. The JVM's own threads, which the {@link ThreadMXBean} does not show,
 * are read from {@code /proc/self/task} by their names: the JIT compilers ({@link Part#JIT}) and the garbage
 * collector's threads ({@link Part#GC}). What no sampled thread accounts for (the VM thread, threads that ended
 * unseen; on a system without {@code /proc}, the compilers and the collector too) is the part {@link Part#JVM}.
 */
final class CpuMeter implements AutoCloseable {

  /** Where CPU goes. */
  enum Part {
    ENGINE("engine"),
    GRPC("gRPC transport"),
    APPLICATION("application"),
    DRIVER("driver"),
    JIT("JIT compilers"),
    GC("garbage collector"),
    JVM("JVM (other)"),
    DATABASE("database"),
    STAND_INS("stand-ins");

    final String label;

    Part(String label) {
      this.label = label;
    }
  }

  /** CPU nanoseconds per part since the meter started. */
  record Snapshot(long[] nanos) {
    Snapshot minus(Snapshot earlier) {
      long[] d = new long[nanos.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = nanos[i] - earlier.nanos[i];
      }
      return new Snapshot(d);
    }

    long of(Part part) {
      return nanos[part.ordinal()];
    }

    long total() {
      return Arrays.stream(nanos).sum();
    }

  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Supplier<Set<ProcessHandle>> standIns;
  /** Per thread id: its part, and its CPU at the last sample. Thread ids are never reused. */
  private final Map<Long, long[]> seen = new HashMap<>();
  /**
   * The JVM's own threads by their task id under {@code /proc/self/task}: the part (JIT or GC) and the CPU at the last
   * sample, or {@link #OTHER_TASK} for a task the {@link ThreadMXBean} already covers (a Java thread) or that is
   * neither. Task ids are not reused while the JVM runs long enough for a benchmark.
   */
  private final Map<String, long[]> vmThreads = new HashMap<>();
  private static final long[] OTHER_TASK = {-1, 0};
  /** The names of the JVM's own threads seen, by part (for {@link #threadNames}). */
  private final Map<Part, Set<String>> vmThreadNames = new java.util.EnumMap<>(Part.class);
  private final Thread sampler;
  /** CPU charged to a part by {@link #charging}, taken from the application's threads. */
  private final java.util.concurrent.atomic.LongAdder[] charged = java.util.stream.Stream.generate(
      java.util.concurrent.atomic.LongAdder::new).limit(Part.values().length)
      .toArray(java.util.concurrent.atomic.LongAdder[]::new);
  private volatile boolean running = true;

  /** @param standIns the stand-ins' processes (their own, not this JVM's); every other child process is the database */
  CpuMeter(Supplier<Set<ProcessHandle>> standIns) {
    this.standIns = standIns;
    sample();
    sampler = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    }, "bench-cpu-meter");
    sampler.setDaemon(true);
    sampler.start();
  }

  private synchronized void sample() {
    long[] ids = threads.getAllThreadIds();
    long[] cpu = ((com.sun.management.ThreadMXBean) threads).getThreadCpuTime(ids);
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] < 0) {
        continue; // ended meanwhile
      }
      long[] entry = seen.get(ids[i]);
      if (entry == null) {
        ThreadInfo info = threads.getThreadInfo(ids[i]);
        if (info == null) {
          continue;
        }
        entry = new long[] {partOf(info.getThreadName()).ordinal(), 0};
        seen.put(ids[i], entry);
      }
      entry[1] = Math.max(entry[1], cpu[i]);
    }
    sampleVmThreads();
  }

  private static final java.nio.file.Path TASKS = java.nio.file.Path.of("/proc/self/task");
  /** Linux reports a task's CPU in clock ticks of 1/100 s ({@code getconf CLK_TCK}) on every common platform. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** The JIT compilers' and the garbage collector's threads, by name; nothing where there is no {@code /proc}. */
  private void sampleVmThreads() {
    String[] tasks = TASKS.toFile().list();
    if (tasks == null) {
      return;
    }
    for (String task : tasks) {
      long[] entry = vmThreads.computeIfAbsent(task, this::vmPart);
      if (entry != OTHER_TASK) {
        entry[1] = Math.max(entry[1], ticks(task) * NANOS_PER_TICK);
      }
    }
  }

  /** A new task's part, by the name Linux gives it (the thread's name cut to 15 characters). */
  private long[] vmPart(String task) {
    String name;
    try {
      name = java.nio.file.Files.readString(TASKS.resolve(task).resolve("comm")).strip();
    } catch (java.io.IOException e) {
      return OTHER_TASK; // ended meanwhile
    }
    Part part = vmPartOf(name);
    if (part == null) {
      return OTHER_TASK;
    }
    vmThreadNames.computeIfAbsent(part, k -> new java.util.TreeSet<>()).add(name.replaceAll("\\d+", "N"));
    return new long[] {part.ordinal(), 0};
  }

  /** HotSpot's compiler threads ({@code C2 CompilerThread0}) and G1's ({@code GC Thread#0}, {@code G1 Conc#0}…). */
  static Part vmPartOf(String name) {
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
      return Part.JIT;
    }
    if (name.startsWith("GC Thread#") || name.startsWith("G1 ")) {
      return Part.GC;
    }
    return null;
  }

  /** utime + stime of a task (fields 14 and 15 of its stat, counted after the name in parentheses). */
  private static long ticks(String task) {
    try {
      String stat = java.nio.file.Files.readString(TASKS.resolve(task).resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (java.io.IOException | RuntimeException e) {
      return 0; // ended meanwhile: its last sample stands
    }
  }

  /**
   * The part a thread serves, by its name. The engine (zeebe-process-test's actor scheduler) and the
   * application's Camunda client share grpc-java's threads in this JVM (its default executor runs the gateway's
   * handlers and the client's callbacks, its event loops both sides' I/O): those are a part of their own. The
   * application's worker threads are {@code pool-N-thread-M}, its request threads {@code http-nio-…}; the driver's
   * HTTP calls run on its own threads, {@code bench-http-N} ({@link DriverHttp}).
   */
  Part partOf(String name) {
    if (name.startsWith("zb-") || name.startsWith("Broker-") || name.startsWith("gateway-")) {
      return Part.ENGINE;
    }
    if (name.startsWith("grpc-") || name.startsWith("ForkJoinPool-")) {
      return Part.GRPC;
    }
    if (name.equals("main") || name.startsWith("bench-") || name.startsWith("engine-tail")
        || name.startsWith("process reaper")) {
      return Part.DRIVER;
    }
    return Part.APPLICATION;
  }

  /**
   * {@code target} behind a proxy that charges the CPU its calls take on the calling thread to {@code part} rather
   * than to the thread's own part (the engine's user-task API, which the in-memory engine lacks, emulated on the
   * application's request threads).
   */
  <T> T charging(Part part, Class<T> type, T target) {
    return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          long before = threads.getCurrentThreadCpuTime();
          try {
            return method.invoke(target, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          } finally {
            charged[part.ordinal()].add(threads.getCurrentThreadCpuTime() - before);
          }
        }));
  }

  synchronized Snapshot snapshot() {
    sample();
    long[] nanos = new long[Part.values().length];
    for (long[] entry : seen.values()) {
      nanos[(int) entry[0]] += entry[1];
    }
    for (long[] entry : vmThreads.values()) {
      if (entry != OTHER_TASK) {
        nanos[(int) entry[0]] += entry[1];
      }
    }
    long threadsTotal = Arrays.stream(nanos).sum();
    for (Part part : Part.values()) {
      long moved = charged[part.ordinal()].sum();
      nanos[part.ordinal()] += moved;
      nanos[Part.APPLICATION.ordinal()] -= moved;
    }
    long jvm = cpu(ProcessHandle.current());
    nanos[Part.JVM.ordinal()] = Math.max(0, jvm - threadsTotal);
    Set<Long> outside = standIns.get().stream().flatMap(CpuMeter::withDescendants).map(ProcessHandle::pid)
        .collect(Collectors.toSet());
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      nanos[(outside.contains(child.pid()) ? Part.STAND_INS : Part.DATABASE).ordinal()] += cpu(child);
    }
    return new Snapshot(nanos);
  }

  private static Stream<ProcessHandle> withDescendants(ProcessHandle p) {
    return Stream.concat(Stream.of(p), p.descendants());
  }

  static long cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** The threads seen so far by part and name (names with their numbers folded), for checking {@link #partOf}. */
  synchronized String threadNames() {
    Map<Part, List<String>> byPart = new java.util.EnumMap<>(Part.class);
    for (Map.Entry<Long, long[]> e : seen.entrySet()) {
      ThreadInfo info = threads.getThreadInfo(e.getKey());
      if (info != null) {
        byPart.computeIfAbsent(Part.values()[(int) e.getValue()[0]], k -> new java.util.ArrayList<>())
            .add(info.getThreadName().replaceAll("\\d+", "N"));
      }
    }
    vmThreadNames.forEach((part, names) -> byPart.computeIfAbsent(part, k -> new java.util.ArrayList<>()).addAll(names));
    return byPart.entrySet().stream().map(e -> e.getKey().label + ": " + e.getValue().stream().distinct().sorted()
        .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
