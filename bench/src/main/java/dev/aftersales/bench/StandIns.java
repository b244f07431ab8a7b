package dev.aftersales.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The surrounding systems (WireMock, 0 ms stubs) in a process of their own, so that what they cost is not
 * charged to the application: the benchmark reads this process's CPU from {@code /proc/<pid>/stat}
 * ({@link ProcessHandle.Info#totalCpuDuration()}). The benchmark registers the stubs through WireMock's admin
 * API ({@link #admin()}); with {@code --journal} the process keeps its request journal, which the workloads
 * with a duplicate check read. It ends when the benchmark closes its standard input (or dies).
 */
final class StandIns implements AutoCloseable {

  private final Process process;
  private final int port;

  private StandIns(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the process with this JVM's class path and waits for its port. */
  static StandIns start(Path root, boolean journal) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
        "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
        "-Dlogback.configurationFile=" + root.resolve("bench/logback-bench.xml"),
        "-cp", System.getProperty("java.class.path"), StandIns.class.getName()));
    if (journal) {
      command.add("--journal");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("BENCH_LOG", root.resolve("target/bench/stand-ins.log").toString());
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("stand-ins listening on ")) {
      process.destroyForcibly();
      throw new IllegalStateException("the stand-ins did not start: " + line);
    }
    Thread drain = new Thread(() -> { // whatever else it prints must not fill the pipe and block it
      try {
        while (out.readLine() != null) {
          Thread.onSpinWait();
        }
      } catch (IOException e) {
        // it ended
      }
    }, "bench-stand-ins-out");
    drain.setDaemon(true);
    drain.start();
    return new StandIns(process, Integer.parseInt(line.substring("stand-ins listening on ".length()).trim()));
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** WireMock's admin client on the process: stubs in, request journal out. */
  WireMock admin() {
    return new WireMock("localhost", port);
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }

  /** The stand-ins' own process. */
  public static void main(String[] args) throws IOException {
    boolean journal = List.of(args).contains("--journal");
    WireMockConfiguration options = WireMockConfiguration.options().dynamicPort().containerThreads(32)
        .notifier(new Slf4jNotifier(false));
    if (!journal) {
      options.disableRequestJournal();
    }
    WireMockServer server = new WireMockServer(options);
    server.start();
    System.out.println("stand-ins listening on " + server.port());
    System.out.flush();
    // ends with the benchmark: its end closes this standard input
    while (System.in.read() >= 0) {
      Thread.onSpinWait();
    }
    server.stop();
    System.exit(0);
  }
}
