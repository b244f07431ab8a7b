package dev.aftersales.bench;

import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.util.Map;
import java.util.stream.Collectors;

/** zeebe-process-test's Zeebe 8.8 engine in this JVM; its log is read as it is written ({@link EngineTail}). */
final class ZptEngine implements BenchEngine {

  private static final Section SECTION = new Section(
      "<!-- bench/run.sh writes from here to the end marker; edit outside it -->",
      "<!-- end of bench/run.sh output -->",
      "## Latest run");
  private static final Section ROCKSDB_SECTION = new Section(
      "<!-- bench/run.sh --rocksdb writes from here to the end marker; edit outside it -->",
      "<!-- end of bench/run.sh --rocksdb output -->",
      "## Latest run with the engine's state in RocksDB");

  private final ProcessTestEngine engine;

  private ZptEngine(ProcessTestEngine engine) {
    this.engine = engine;
  }

  /**
   * @param rocksDb the engine's state in RocksDB, as a broker's ({@code --rocksdb}), instead of in memory; either way
   *     expired messages are removed every {@link Bench#MESSAGE_TTL_CHECK}
   */
  static ZptEngine start(boolean rocksDb) {
    java.util.function.Consumer<io.camunda.zeebe.engine.EngineConfiguration> configuration =
        config -> config.setMessagesTtlCheckerInterval(Bench.MESSAGE_TTL_CHECK);
    return new ZptEngine(rocksDb ? ProcessTestEngine.startOnRocksDb(configuration)
        : ProcessTestEngine.start(configuration));
  }

  /** For the user-task API of the mixed workload ({@code EngineUserTasks}, as the local stack does). */
  ProcessTestEngine processTestEngine() {
    return engine;
  }

  @Override
  public String grpcAddress() {
    return "http://" + engine.gatewayAddress();
  }

  @Override
  public String restAddress() {
    return "http://localhost:1"; // ZPT has no REST gateway; nothing must use it
  }

  @Override
  public AutoCloseable follow(Listener listener) {
    return new EngineTail(engine, listener);
  }

  @Override
  public String stateSummary() {
    if (engine.onRocksDb()) {
      return null; // RocksDB's entries are not counted: they cost no copy
    }
    try {
      Map<ZbColumnFamilies, Integer> entries = engine.stateEntries();
      return "%d entries: %s".formatted(entries.values().stream().mapToInt(Integer::intValue).sum(),
          entries.entrySet().stream().sorted(Map.Entry.<ZbColumnFamilies, Integer>comparingByValue().reversed())
              .limit(6).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    } catch (RuntimeException | AssertionError notIdle) {
      return "not read (" + notIdle.getMessage() + ")";
    }
  }

  @Override
  public String description() {
    return engine.onRocksDb()
        ? "Zeebe 8.8 of zeebe-process-test (`EngineFactory`, gRPC gateway, one partition) with its state in RocksDB "
            + "(zeebe-db `ZeebeRocksDbFactory`, default settings, as a broker's) instead of in memory, "
            + "in the benchmark's JVM"
        : "Zeebe 8.8 in memory (zeebe-process-test `EngineFactory`, gRPC gateway, one partition), "
            + "in the benchmark's JVM";
  }

  @Override
  public Section section() {
    return engine.onRocksDb() ? ROCKSDB_SECTION : SECTION;
  }

  @Override
  public void close() {
    engine.close();
  }
}
