package dev.aftersales.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One measured run of one variant. Cases are started by a single thread at fixed intended times
 * ({@code rate} per second, open loop); latencies are taken from the intended start, so a driver
 * that falls behind does not hide the wait (no coordinated omission). With {@code rate == 0} the
 * phase measures the maximum: a new case starts whenever fewer than {@code maxInFlight} are open.
 */
final class LoadPhase implements BenchEngine.Listener {

  enum Variant { BASELINE, PRODUCT }

  /** What a variant does to start a case and to hand in its parcel. */
  interface Actions {
    void start(CaseRun run);

    void parcelArrived(CaseRun run);

    /** The order of the {@code index}th case of the phase (a workload may say the kind of case by its id). */
    default String orderId(long index) {
      return "O-" + java.util.UUID.randomUUID();
    }
  }

  /** One case of the phase, from its intended start to its end. */
  final class CaseRun {
    final String orderId;
    final long intended;
    final boolean measured;
    private String caseId;
    private boolean labelSeen;
    private boolean parcelSent;

    CaseRun(String orderId, long intended, boolean measured) {
      this.orderId = orderId;
      this.intended = intended;
      this.measured = measured;
    }

    synchronized String caseId() {
      return caseId;
    }

    /** The intake answered (or, for the baseline, the instance was created). */
    void accepted(String id) {
      long now = System.nanoTime();
      if (measured) {
        intake.recordValue(micros(now - intended));
      }
      boolean send;
      synchronized (this) {
        caseId = id;
        send = labelSeen && !parcelSent;
        parcelSent |= send;
      }
      if (send) {
        actions.parcelArrived(this);
      }
    }

    void failed(String what) {
      failures.incrementAndGet();
      if (firstFailure == null) {
        firstFailure = what;
      }
    }

    private void labelCreated(long at) {
      if (measured) {
        label.recordValue(micros(at - intended));
      }
      boolean send;
      synchronized (this) {
        labelSeen = true;
        send = caseId != null && !parcelSent;
        parcelSent |= send;
      }
      if (send) {
        actions.parcelArrived(this);
      }
    }
  }

  final Variant variant;
  final String name;
  final double rate;
  final int maxInFlight;
  final long durationNanos;
  final long measureFromNanos;
  private final Actions actions;

  final Histogram intake = histogram();
  final Histogram label = histogram();
  final Histogram closed = histogram();
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong firstCompletion = new java.util.concurrent.atomic.AtomicLong(-1);
  private final java.util.Queue<Long> completionTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();
  final AtomicInteger failures = new AtomicInteger();
  /** Instances with the orderId of a case that has one, not (yet) seen to be called by it. */
  private final Map<Long, String> secondStarts = new ConcurrentHashMap<>();
  private final java.util.Set<String> startedOrders = ConcurrentHashMap.newKeySet();
  volatile String firstFailure;
  long sqlStatements;
  CpuMeter.Snapshot cpu;
  long serverQuestions;
  /** The engine's records written during the phase by kind ({@code COMMAND JOB.COMPLETE}): count, bytes. */
  final Map<String, java.util.concurrent.atomic.AtomicLongArray> records = new ConcurrentHashMap<>();
  private final Semaphore open;
  private final Map<String, CaseRun> byOrder = new ConcurrentHashMap<>();
  private final Map<Long, CaseRun> byInstance = new ConcurrentHashMap<>();
  private long t0;

  LoadPhase(Variant variant, String name, double rate, int maxInFlight, long durationNanos, long measureFromNanos,
      Actions actions) {
    this.variant = variant;
    this.name = name;
    this.rate = rate;
    this.maxInFlight = maxInFlight;
    this.durationNanos = durationNanos;
    this.measureFromNanos = measureFromNanos;
    this.actions = actions;
    this.open = new Semaphore(maxInFlight);
  }

  private static Histogram histogram() {
    return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
  }

  @Override
  public void record(String kind, int bytes) {
    java.util.concurrent.atomic.AtomicLongArray counts =
        records.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.AtomicLongArray(2));
    counts.incrementAndGet(0);
    counts.addAndGet(1, bytes);
  }

  /** The engine's records of one kind ({@code COMMAND JOB.COMPLETE}), or (null) of all, per case started. */
  double recordsPerCase(String kind) {
    return perCase(kind, 0);
  }

  /** The engine's commands per case started. */
  double commandsPerCase() {
    return records.entrySet().stream().filter(e -> e.getKey().startsWith("COMMAND "))
        .mapToLong(e -> e.getValue().get(0)).sum() / (double) Math.max(1, started.get());
  }

  /** Kilobytes of the engine's log per case started. */
  double recordKilobytesPerCase() {
    return perCase(null, 1) / 1024;
  }

  private double perCase(String kind, int index) {
    long sum = kind != null
        ? (records.containsKey(kind) ? records.get(kind).get(index) : 0)
        : records.values().stream().mapToLong(c -> c.get(index)).sum();
    return sum / (double) Math.max(1, started.get());
  }

  /** For the phase's log line: {@code 350.1 records (77.2 commands), 177.0 kB; COMMAND JOB.COMPLETE 14.0, …}. */
  String recordsPerCase(int kinds) {
    String top = records.keySet().stream()
        .sorted(java.util.Comparator.comparingDouble((String kind) -> recordsPerCase(kind)).reversed())
        .limit(kinds)
        .map(kind -> "%s %.1f".formatted(kind, recordsPerCase(kind)))
        .collect(java.util.stream.Collectors.joining(", "));
    return "%.1f records (%.1f commands), %.1f kB; %s".formatted(recordsPerCase(null), commandsPerCase(),
        recordKilobytesPerCase(), top);
  }

  static long micros(long nanos) {
    return Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.MINUTES.toMicros(10)));
  }

  /** Starts cases until the phase's time is up, then waits for the open ones to end. */
  void run(long drainTimeoutNanos) throws InterruptedException {
    t0 = System.nanoTime();
    for (long i = 0; ; i++) {
      long intended;
      if (rate > 0) {
        intended = t0 + (long) (i * 1e9 / rate);
        if (intended - t0 >= durationNanos) {
          break;
        }
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        if (!open.tryAcquire()) {
          throw new IllegalStateException(name + ": more than " + maxInFlight + " cases open; the system is far "
              + "behind the offered rate of " + rate + "/s");
        }
      } else {
        if (!open.tryAcquire(Math.max(1, t0 + durationNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break;
        }
        intended = System.nanoTime();
        if (intended - t0 >= durationNanos) {
          open.release();
          break;
        }
      }
      CaseRun run = new CaseRun(actions.orderId(i), intended, intended - t0 >= measureFromNanos);
      byOrder.put(run.orderId, run);
      started.incrementAndGet();
      actions.start(run);
    }
    long deadline = System.nanoTime() + drainTimeoutNanos;
    while (completed.get() < started.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** CPU milliseconds per case started in the phase, of one part or (null) of all. */
  double cpuMillisPerCase(CpuMeter.Part part) {
    if (cpu == null || started.get() == 0) {
      return Double.NaN;
    }
    return (part == null ? cpu.total() : cpu.of(part)) / 1e6 / started.get();
  }

  /** "engine 40.1, gRPC transport 12.0, …" ms per case. */
  String cpuSplit() {
    StringBuilder s = new StringBuilder();
    for (CpuMeter.Part part : CpuMeter.Part.values()) {
      s.append(s.isEmpty() ? "" : ", ").append(part.label).append(' ')
          .append(String.format(java.util.Locale.ROOT, "%.1f", cpuMillisPerCase(part)));
    }
    return s.toString();
  }

  int unfinished() {
    return started.get() - completed.get();
  }

  /**
   * Cases ended per second while cases were being started, counted from the end of the ramp-up: the
   * first 20 % of the phase or the first case's end, whichever is later (before that, a closed-loop
   * phase is only filling up). Zero when no case ended before the phase's end.
   */
  double completedPerSecond() {
    long first = firstCompletion.get();
    if (first < 0 || first >= durationNanos) {
      return 0;
    }
    long from = Math.max(measureFromNanos, first);
    long counted = completionTimes.stream().filter(t -> t >= from && t < durationNanos).count();
    return counted / ((durationNanos - from) / 1e9);
  }

  @Override
  public void started(long processInstanceKey, String orderId) {
    CaseRun run = byOrder.remove(orderId);
    if (run != null) {
      byInstance.put(processInstanceKey, run);
      startedOrders.add(orderId);
    } else if (startedOrders.contains(orderId)) {
      // a second instance with the case's orderId: the called goods process (its variables come before the
      // record that says it was called, which clears it), or a second start of the case
      secondStarts.put(processInstanceKey, orderId);
    }
  }

  /** Top-level process instances started for a case that already had one (none expected without faults). */
  int extraInstances() {
    return secondStarts.size();
  }

  @Override
  public void called(long processInstanceKey, long parentProcessInstanceKey) {
    secondStarts.remove(processInstanceKey);
    CaseRun run = byInstance.get(parentProcessInstanceKey);
    if (run != null) {
      byInstance.put(processInstanceKey, run);
    }
  }

  @Override
  public void calledCompleted(long processInstanceKey) {
    byInstance.remove(processInstanceKey);
  }

  @Override
  public void labelCreated(long processInstanceKey, long at) {
    CaseRun run = byInstance.get(processInstanceKey);
    if (run != null) {
      run.labelCreated(at);
    }
  }

  @Override
  public void completed(long processInstanceKey, long at) {
    CaseRun run = byInstance.remove(processInstanceKey);
    if (run == null) {
      return;
    }
    if (run.measured) {
      closed.recordValue(micros(at - run.intended));
    }
    long sinceStart = at - t0;
    firstCompletion.compareAndSet(-1, sinceStart);
    completionTimes.add(sinceStart);
    completed.incrementAndGet();
    open.release();
  }
}
