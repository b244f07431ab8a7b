package dev.aftersales.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftersales.chaos.Catalogue.Kind;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.database.EmbeddedMariaDb;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessTestEngine;
import io.camunda.zeebe.msgpack.value.DocumentValue;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The fault campaign (tools/chaos, docs/reliability.md): the application as separate processes that are
 * killed with SIGKILL and restarted, while this JVM keeps what must survive them — the in-memory Zeebe engine
 * (the application reconnects over gRPC), the embedded MariaDB and the stateful fakes of the surrounding
 * systems — drives cases of every type through the public REST API, plays the agents, injects faults, and
 * finally checks every case. Last line:
 * {@code chaos: cases=N crashes=M duplicate_effects=0 missing_refunds=0 extra_instances=0 stuck_cases=0}.
 */
public final class Chaos {

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Root processes a case may have one of each (late-parcel: a parcel after the case closed; late-payment-refund: a
   * late payment whose refund the provider declined).
   */
  private static final Set<String> CASE_PROCESSES = Set.of(ProcessIds.RETURN_REQUEST, ProcessIds.EXCHANGE_REQUEST,
      ProcessIds.MIS_SENT_ITEM, ProcessIds.OUT_OF_STOCK, ProcessIds.LATE_PARCEL, ProcessIds.ORDER_EXCEPTION,
      ProcessIds.LATE_PAYMENT_REFUND);
  /** What the payment deadline's timer triggers in order-exception.bpmn (matched by this part of its id). */
  private static final String PAYMENT_DEADLINE = "PaymentDeadline";
  private static final String ORDER_PAY_LINK = "ORDER_PAY_LINK";

  // ------------------------------------------------------------------------------------------ options
  private final boolean quick;
  private final int perType;
  private final int crashTarget;
  private final long seed;
  private final Duration settleDeadline;
  private final Duration maxDrive;
  private final Path home;
  private final Random random;

  // ------------------------------------------------------------------------------------------ parts
  private EmbeddedMariaDb database;
  private ProcessTestEngine engine;
  private Fakes fakes;
  private Apps apps;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Catalogue.Order> orders = new ConcurrentHashMap<>();
  private final List<CaseRun> cases = Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, Long> completionsSent = new ConcurrentHashMap<>();
  private final Map<String, CaseRun> byCaseId = new ConcurrentHashMap<>();
  private final AtomicInteger dbDrops = new AtomicInteger();
  private final AtomicInteger duplicateReceipts = new AtomicInteger();
  private final AtomicInteger receiptsLeftToRetry = new AtomicInteger();
  private final AtomicInteger duplicatePayments = new AtomicInteger();
  private final AtomicInteger duplicateArrivals = new AtomicInteger();
  private final AtomicInteger duplicateRequests = new AtomicInteger();
  private final AtomicInteger duplicateOrderPayments = new AtomicInteger();
  private final AtomicInteger bursts5xx = new AtomicInteger();
  private final AtomicInteger bursts409 = new AtomicInteger();
  /** The title of the API's 409 that stored nothing and asks for the request again. */
  private static final String CONCURRENT_CHANGE = "Concurrent change";
  /** The 503 title of a late payment stored whose refund was not made: the application refunds it by itself. */
  private static final String REFUND_PENDING = "Refund of a late payment pending";
  private final AtomicInteger tasksCompleted = new AtomicInteger();
  private final AtomicInteger agentPassesFailed = new AtomicInteger();
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong apiFailures = new AtomicLong();
  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean faultsOn;
  /** Cases driven at once (the rest wait to be opened): the run's throughput, since each case mostly waits. */
  private final int inFlightLimit;
  private volatile boolean secondInstanceDone;
  private volatile EngineView lastView;
  private int refusedSecondStarts;

  /** One case the campaign opened, and how far the driver took it. */
  static final class CaseRun {
    final Kind kind;
    final int n;
    final String orderId;
    final String channelRequestId;
    final String sku;
    final int group;
    volatile String caseId;
    volatile String status;
    volatile boolean receiptSent;
    /**
     * A receipt went out and got no answer or a 5xx: the warehouse sends it again while the case does not show the
     * parcel (AWAITING_PARCEL); once the case shows it received, it does not (the receipt retry tells the process).
     */
    volatile boolean receiptUnanswered;
    /** An unanswered receipt the case showed stored: left to the application's receipt retry. */
    volatile boolean receiptLeftToRetry;
    volatile boolean paymentSent;
    volatile boolean raced;
    /**
     * An order payment the channel reported: ACCEPTED (2xx), REFUSED (409), or STORED (503 "refund pending": a late
     * payment stored whose refund failed, which the channel does not report again); null: none reported yet.
     */
    volatile String paymentOutcome;
    /** An exception order's late payment's refund as the case view shows it ({@code manual:…}: finance's). */
    volatile String latePaymentRefundId;
    /** An exception order waiting for its payment deadline (the timer is in the engine). */
    volatile boolean parked;
    volatile long openedAt;
    volatile long finishedAt;
    volatile String lastError;
    /** When the driver last saw the status change, and whether it reported the case as waiting long. */
    volatile long statusSince;
    volatile boolean reportedWaiting;
    /** What the driver sent for the case and what each instance answered ("12:01:02 receipt 202"). */
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    void sent(String what, int status) {
      sent.add(LocalTime.now().withNano(0) + " " + what + " " + (status == 0 ? "no answer" : status));
    }

    CaseRun(Kind kind, int n, String orderId, String sku, int group) {
      this.kind = kind;
      this.n = n;
      this.orderId = orderId;
      this.channelRequestId = "chaos-" + orderId;
      this.sku = sku;
      this.group = group;
    }

    boolean finished() {
      return status != null && Set.of("REJECTED", "REFUNDED", "EXCHANGED", "RESHIPPED", "CANCELLED", "SHIPPED",
          "SUBSTITUTED", "CLOSED", "RELEASED").contains(status);
    }

    /** Done for the driver: in the status this kind ends in. */
    boolean done() {
      return kind.endsIn(status);
    }

    /** Left waiting for the engine clock to jump: the receipt or payment that races a timer goes out then. */
    boolean waitsForClock() {
      if (!kind.racesClock() || raced) {
        return false;
      }
      return kind == Kind.TIMER_RACE ? "AWAITING_PARCEL".equals(status) : parked && "ON_HOLD".equals(status);
    }
  }

  private Chaos(boolean quick, int perType, int crashTarget, long seed, Duration settleDeadline, Duration maxDrive,
      int inFlightLimit, Path home) {
    this.inFlightLimit = inFlightLimit;
    this.maxDrive = maxDrive;
    this.quick = quick;
    this.perType = perType;
    this.crashTarget = crashTarget;
    this.seed = seed;
    this.settleDeadline = settleDeadline;
    this.home = home;
    this.random = new Random(seed);
  }

  /** Held so that the setting stays: the engine's gRPC server logs every stream a killed client left. */
  private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

  public static void main(String[] args) throws Exception {
    GRPC_LOG.setLevel(java.util.logging.Level.SEVERE);
    boolean quick = false;
    Integer perType = null;
    Integer crashes = null;
    long seed = System.currentTimeMillis();
    Integer settleMinutes = null;
    int maxDriveMinutes = 30;
    Integer inFlight = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--cases-per-type" -> perType = Integer.parseInt(args[++i]);
        case "--crashes" -> crashes = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--settle-minutes" -> settleMinutes = Integer.parseInt(args[++i]);
        case "--max-drive-minutes" -> maxDriveMinutes = Integer.parseInt(args[++i]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("chaos: unknown option " + args[i]
              + " (options: --quick, --cases-per-type N, --crashes M, --seed S, --settle-minutes T, --max-drive-minutes D, --in-flight C)");
          System.exit(2);
        }
      }
    }
    Path home = Path.of(System.getProperty("chaos.home", "target/chaos"));
    Chaos chaos = new Chaos(quick, perType != null ? perType : quick ? 10 : 300, crashes != null ? crashes : quick ? 5 : 100,
        seed, Duration.ofMinutes(settleMinutes != null ? settleMinutes : quick ? 3 : 15), Duration.ofMinutes(maxDriveMinutes),
        inFlight != null ? inFlight : quick ? 30 : 150, home);
    int exit;
    try {
      exit = chaos.run();
    } catch (Exception e) {
      System.err.println("chaos: the campaign itself failed: " + e);
      e.printStackTrace();
      exit = 2;
    } finally {
      chaos.shutdown();
    }
    System.exit(exit);
  }

  private static void log(String format, Object... args) {
    System.out.printf("[chaos %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  // ------------------------------------------------------------------------------------------ run

  private int run() throws Exception {
    long started = System.nanoTime();
    log("seed %d, %s run: %d cases per type, %d crashes", seed, quick ? "quick" : "full", perType, crashTarget);
    Files.createDirectories(home);
    planCases();

    int dbPort = freePort();
    database = EmbeddedMariaDb.start(home.resolve("mariadb"), dbPort, "aftersales");
    log("embedded MariaDB on port %d", dbPort);
    int enginePort = freePort();
    // a step the engine strands in its backoff is tried again, as on a busy cluster (camunda/camunda#16884): a stuck
    // case the campaign reports is then the product's
    engine = ProcessTestEngine.start(enginePort).recurringStrandedJobsEvery(Duration.ofSeconds(5));
    log("in-memory Zeebe engine on %s", engine.gatewayAddress());
    fakes = new Fakes(freePort(), orders);
    log("fakes of the surrounding systems on port %d", fakes.port());
    apps = new Apps(appCommand(dbPort), home, freePort(), freePort());
    // a campaign stopped from outside (Ctrl-C, timeout) leaves no application behind
    Runtime.getRuntime().addShutdownHook(new Thread(apps::close));

    Apps.Slot first = apps.slot(0);
    apps.start(first);
    if (!apps.awaitHealthy(first, Duration.ofMinutes(4))) {
      throw new IllegalStateException("the application did not become healthy: see " + home.resolve("app-0.log"));
    }
    log("application up on port %d (%.0f s since start)", first.port, (System.nanoTime() - started) / 1e9);

    ExecutorService background = Executors.newFixedThreadPool(4);
    List<Future<?>> loops = new ArrayList<>();
    AtomicInteger stop = new AtomicInteger();
    faultsOn = true;
    loops.add(background.submit(() -> guarded("agents", () -> agentsLoop(stop))));
    loops.add(background.submit(() -> guarded("faults", () -> faultsLoop(stop))));
    loops.add(background.submit(() -> guarded("health", () -> healthLoop(stop))));

    drive(List.copyOf(cases), stop);
    faultsOn = false;
    fakes.serverErrorRate = 0;
    fakes.conflictRate = 0;
    fakes.stallRate = 0;
    // whatever the faults left behind gets time to settle (retries, republishes) with every instance up
    ensureUp();
    settle(c -> !c.kind.racesClock());
    timerRace();
    settle(c -> true);
    stop.set(1);
    for (Future<?> loop : loops) {
      loop.get();
    }
    background.shutdownNow();
    int exit = verdict((System.nanoTime() - started) / 1e9);
    return exit;
  }

  private void guarded(String name, ThrowingRunnable body) {
    try {
      body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log("%s loop failed: %s", name, e);
      e.printStackTrace(System.out);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private void planCases() {
    Map<Kind, Integer> counts = new TreeMap<>();
    int third = Math.max(1, perType / 3);
    int half = Math.max(1, perType / 2);
    counts.put(Kind.RETURN_NO_REASON, perType - 2 * third);
    counts.put(Kind.RETURN_QUALITY, third);
    counts.put(Kind.TIMER_RACE, third);
    counts.put(Kind.EXCHANGE_SAME, perType - 2 * third);
    counts.put(Kind.EXCHANGE_CHEAPER, third);
    counts.put(Kind.EXCHANGE_DEARER, third);
    counts.put(Kind.WRONG_ITEM, perType);
    counts.put(Kind.MISSING_ITEM, perType);
    counts.put(Kind.OUT_OF_STOCK_WAIT, perType - half);
    counts.put(Kind.OUT_OF_STOCK_CANCEL, half);
    // exception orders: the type's cases spread over its kinds, payment failures first; the late payments first of all,
    // so that even the quick run has two: one whose refund the provider refuses once, one whose refund it declines
    List<Kind> exceptionKinds = List.of(Kind.EXCEPTION_PAID_LATE, Kind.EXCEPTION_PAID, Kind.EXCEPTION_PAYMENT_RACE,
        Kind.EXCEPTION_BLACKLISTED, Kind.EXCEPTION_ADDRESS, Kind.EXCEPTION_ADDRESS_UNSURE,
        Kind.EXCEPTION_CASH_ON_DELIVERY, Kind.EXCEPTION_PARCELS, Kind.EXCEPTION_CARRIER);
    for (int i = 0; i < perType; i++) {
      counts.merge(exceptionKinds.get(i % exceptionKinds.size()), 1, Integer::sum);
    }
    String run = Long.toString(seed, 36);
    List<CaseRun> planned = new ArrayList<>();
    counts.forEach((kind, count) -> {
      for (int i = 0; i < count; i++) {
        String orderId = "CHAOS-" + run + "-" + kind.code + "-" + i;
        // out-of-stock backorders come in groups of 5 that share one sku and its arrivals
        int group = kind == Kind.OUT_OF_STOCK_WAIT ? i / 5 : -1;
        String sku = switch (kind) {
          case OUT_OF_STOCK_WAIT -> kind.sku + "-G" + run + "-" + group;
          case OUT_OF_STOCK_CANCEL -> kind.sku + "-" + run + "-" + i;
          default -> kind.sku;
        };
        orders.put(orderId, Catalogue.order(orderId, kind, "C-" + run + "-" + kind.code + "-" + i, sku));
        planned.add(new CaseRun(kind, i, orderId, sku, group));
      }
    });
    Collections.shuffle(planned, random);
    cases.addAll(planned);
  }

  private List<String> appCommand(int dbPort) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // C1 only and a class-data archive written by the first start: each restart costs less CPU on a shared machine
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cdsArchive(), "-cp", System.getProperty("java.class.path"), "dev.aftersales.AfterSalesApplication",
        "--spring.profiles.active=local",
        "--server.address=127.0.0.1",
        "--logging.level.root=WARN",
        "--logging.level.dev.aftersales=INFO",
        "--camunda.client.grpc-address=http://" + engine.gatewayAddress(),
        // the in-memory engine has no REST gateway: agents' tasks are completed by this campaign on the engine
        "--camunda.client.rest-address=http://127.0.0.1:1",
        "--camunda.client.prefer-rest-over-grpc=false",
        // a killed instance's jobs come back to the other instance (or the restarted one) after this; on a busy
        // machine a slow step also outlives it, and its job is worked twice at once (what idempotency must survive)
        "--camunda.client.worker.defaults.timeout=10s",
        "--aftersales.database.embedded.enabled=false",
        "--spring.datasource.url=" + database.jdbcUrl(),
        "--spring.datasource.username=root",
        "--spring.datasource.password=",
        "--spring.datasource.hikari.connection-timeout=5000",
        "--aftersales.integration.base-url=http://127.0.0.1:" + fakes.port(),
        // a stalled answer (applied, answered late) outlasts this
        "--aftersales.integration.read-timeout=2s",
        // shorter than the product's defaults so that a run settles in minutes; same mechanisms
        "--aftersales.workers.initial-backoff=1s",
        "--aftersales.workers.max-backoff=10s",
        "--aftersales.intake.start-retry-delay=5s",
        "--aftersales.intake.start-retry-min-age=15s",
        "--aftersales.stock-arrivals.republish-delay=5s",
        "--aftersales.stock-arrivals.republish-after=15s",
        "--aftersales.receipts.republish-delay=5s",
        "--aftersales.receipts.republish-after=15s",
        "--aftersales.payment-reports.republish-delay=5s",
        "--aftersales.payment-reports.republish-after=15s"));
    return cmd;
  }

  /**
   * Kept beside the run's directory, across runs (the JVM rewrites it when the classpath changed): only a JVM
   * that ends normally writes it, and in a run most end by kill -9.
   */
  private String cdsArchive() {
    return home.toAbsolutePath().resolveSibling(home.getFileName() + "-cds.jsa").toString();
  }

  // ------------------------------------------------------------------------------------------ driving

  private void drive(List<CaseRun> all, AtomicInteger stop) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<CaseRun> active = new ArrayList<>();
    int next = 0;
    long driveStart = System.nanoTime();
    long lastReport = 0;
    // the faults go on until every case was driven and the crashes reached their number (or --max-drive-minutes)
    while (next < all.size() || active.stream().anyMatch(c -> needsDriving(c))
        || apps.crashes.get() < crashTarget && System.nanoTime() - driveStart < maxDrive.toNanos()) {
      // cases open at a steady pace over the crash schedule, at most inFlightLimit at once; the crashes follow the
      // cases that end (faultsLoop), so every crash meets cases in flight however fast the machine is
      while (next < all.size() && active.stream().filter(this::needsDriving).count() < inFlightLimit
          && System.nanoTime() - driveStart >= next * (scheduleSeconds() * 0.8e9 / all.size())) {
        CaseRun c = all.get(next++);
        c.openedAt = System.nanoTime();
        active.add(c);
      }
      List<Future<?>> steps = new ArrayList<>();
      for (CaseRun c : active) {
        if (needsDriving(c)) {
          steps.add(pool.submit(() -> step(c)));
        }
      }
      for (Future<?> f : steps) {
        f.get();
      }
      arrivals(active);
      reportWaiting(active);
      if (System.nanoTime() - lastReport > 20e9) {
        lastReport = System.nanoTime();
        progress();
      }
      Thread.sleep(700);
    }
    pool.shutdown();
  }

  /**
   * A case the driver still drives that kept its status for 8 minutes is logged once, with what the driver sent
   * for it and what its timeline says: the evidence for a stuck case, while the run still has it.
   */
  private void reportWaiting(List<CaseRun> active) {
    for (CaseRun c : active) {
      if (c.caseId == null || c.reportedWaiting || c.statusSince == 0 || !needsDriving(c)
          || System.nanoTime() - c.statusSince < Duration.ofMinutes(8).toNanos()
          || c.kind == Kind.OUT_OF_STOCK_WAIT && "WAITING_FOR_STOCK".equals(c.status) && !arrivalsDone(c.group)) {
        continue; // a backorder waits for its group's arrival, which the driver sends when the group waits
      }
      c.reportedWaiting = true;
      JsonNode timeline = call("GET", "/api/after-sales/cases/" + c.caseId + "/timeline", "auditor", null);
      List<String> entries = new ArrayList<>();
      if (timeline != null) {
        for (JsonNode e : timeline.isArray() ? timeline : timeline.path("entries")) {
          entries.add(e.path("kind").asText() + " " + e.path("elementId").asText() + " " + e.path("summary").asText());
        }
      }
      EngineView engineView = lastView;
      log("waiting 8 min in %s: %s %s case %s; sent %s; timeline %s; engine: %s", c.status, c.kind, c.orderId, c.caseId,
          List.copyOf(c.sent), entries, engineView == null ? "not read yet" : engineView.whereIs(c.caseId));
    }
  }

  private boolean needsDriving(CaseRun c) {
    // A backorder's group is opened over the whole run (the cases are shuffled) and gets its arrivals only once
    // the driver has seen every member wait or ship: its members are followed until then (up to three limits).
    Duration limit = c.kind == Kind.OUT_OF_STOCK_WAIT && !arrivalsDone(c.group) ? drivingLimit().multipliedBy(3)
        : drivingLimit();
    if (c.caseId != null && System.nanoTime() - c.openedAt > limit.toNanos()) {
      return false; // left to the settle phase, which reports it if it never ends
    }
    if (c.kind.racesClock()) {
      return c.caseId == null || !c.waitsForClock() && !c.finished();
    }
    return !c.finished();
  }

  /** How long the driving phase follows one case before leaving it to the settle phase (and its deadline). */
  private Duration drivingLimit() {
    return settleDeadline.multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0 ? settleDeadline.multipliedBy(2)
        : Duration.ofMinutes(10);
  }

  /** A case in its final status that still waits for something: a late payment to send, or its refund. */
  private boolean needsMore(CaseRun c) {
    if (!c.kind.paymentFailed() || !"CANCELLED".equals(c.status)) {
      return false;
    }
    if (c.kind == Kind.EXCEPTION_PAID_LATE && c.paymentOutcome == null) {
      return true;
    }
    return c.paymentOutcome != null && latePaymentsRefunded() && refundsOf(c).isEmpty() && !refundedByHand(c);
  }

  /** Finance refunded the late payment by hand (the provider declined its refund): the case view says so. */
  private static boolean refundedByHand(CaseRun c) {
    return c.latePaymentRefundId != null && c.latePaymentRefundId.startsWith(DifferencePayment.MANUAL_REFUND_PREFIX);
  }

  private List<Fakes.Applied> refundsOf(CaseRun c) {
    return fakes.applied().stream().filter(a -> c.caseId.equals(a.caseId()) && a.path().equals("/payments/refunds"))
        .toList();
  }

  /**
   * Whether the application takes an order payment after the deadline cancelled the order (and so must refund
   * it): one answered 2xx. Before it does, it refuses such a payment (409) and the refund checks of the payments
   * after a cancellation are reported, not counted (docs/reliability.md).
   */
  private boolean latePaymentsRefunded() {
    return cases.stream().anyMatch(c -> c.kind == Kind.EXCEPTION_PAID_LATE
        && ("ACCEPTED".equals(c.paymentOutcome) || "STORED".equals(c.paymentOutcome)));
  }

  private void progress() {
    Map<String, Long> byStatus = cases.stream()
        .collect(Collectors.groupingBy(c -> c.status == null ? "not-opened" : c.status, TreeMap::new, Collectors.counting()));
    EngineView view = lastView;
    log("cases %s; crashes %d; app starts %d; tasks completed %d; fake calls %d (5xx %d, 409 %d, stalled %d); open incidents %d",
        byStatus, apps.crashes.get(), apps.starts.get(), tasksCompleted.get(), fakes.requests.get(),
        fakes.injected5xx.get(), fakes.injected409.get(), fakes.stalled.get(),
        view == null ? 0 : view.openIncidents.size());
  }

  /** One action for one case, at most: open it, read it, or report what the warehouse / channel would. */
  private void step(CaseRun c) {
    try {
      if (c.caseId == null) {
        open(c);
        return;
      }
      JsonNode view = call("GET", "/api/after-sales/cases/" + c.caseId, "auditor", null);
      if (view == null) {
        return;
      }
      String status = view.path("status").asText();
      if (!status.equals(c.status) || c.statusSince == 0) {
        c.statusSince = System.nanoTime();
      }
      c.status = status;
      c.latePaymentRefundId = view.path("orderException").path("latePaymentRefundId").asText(null);
      if (c.finished() && c.finishedAt == 0) {
        c.finishedAt = System.nanoTime();
      }
      if (("AWAITING_PARCEL".equals(c.status) || c.receiptUnanswered) && !c.receiptSent && c.kind != Kind.TIMER_RACE) {
        if ("AWAITING_PARCEL".equals(c.status)) {
          receipt(c);
        } else if (!c.receiptLeftToRetry) {
          // stored (the case shows the parcel), but maybe never told to the process (an instance killed between the
          // receipt's commit and its message, or the engine away): the warehouse does not send it again
          c.receiptLeftToRetry = true;
          receiptsLeftToRetry.incrementAndGet();
        }
      }
      if (c.kind.paymentFailed()) {
        EngineView engineView = lastView;
        c.parked = engineView != null && engineView.openTimers.values().stream()
            .anyMatch(t -> c.caseId.equals(t.caseId()) && t.elementId() != null && t.elementId().contains(PAYMENT_DEADLINE));
        if (c.kind == Kind.EXCEPTION_PAID && c.paymentOutcome == null && "ON_HOLD".equals(c.status) && payLinkSent(c)) {
          orderPayment(c);
        } else if (c.kind == Kind.EXCEPTION_PAID_LATE && c.raced && c.paymentOutcome == null && "CANCELLED".equals(c.status)) {
          orderPayment(c); // the customer pays after the deadline cancelled the order
        }
      }
      if (c.kind == Kind.EXCHANGE_DEARER && !c.paymentSent && fakes.applied().stream()
          .anyMatch(a -> c.caseId.equals(a.caseId()) && a.path().equals("/payments/payment-requests"))) {
        ObjectNode payment = JSON.createObjectNode().put("paymentId", "PAY-DIFF-" + c.caseId)
            .put("amount", Fakes.DIFFERENCE_CHARGE);
        String path = "/api/after-sales/cases/" + c.caseId + "/difference-payments";
        Answer answer = send("POST", path, "channel", payment);
        c.sent("difference payment", answer.status());
        if (answer.status() / 100 == 2) {
          c.paymentSent = true;
          if (random.nextInt(3) == 0) {
            duplicatePayments.incrementAndGet();
            call("POST", path, "channel", payment);
          }
        }
      }
    } catch (Exception e) {
      c.lastError = e.toString();
    }
  }

  /** The pay link went out (the notification with it was applied): the customer can pay. */
  private boolean payLinkSent(CaseRun c) {
    return fakes.applied().stream().anyMatch(a -> c.caseId.equals(a.caseId()) && a.path().equals("/notifications")
        && ORDER_PAY_LINK.equals(a.body().path("template").asText()));
  }

  /**
   * The channel reports the customer's payment through the pay link (sometimes twice), until the application
   * answers it: 2xx accepted, 409 refused (a payment after the order was released, or another payment than the
   * one kept). A 409 "Concurrent change" asks the channel to send it again (docs/exception-orders-process.md). A 503
   * "Refund of a late payment pending" says the payment is stored and will be refunded without another report: the
   * channel takes it at its word and sends nothing more (the fakes refuse each late payment's first refund, so every
   * such refund is the payment retry's).
   */
  private void orderPayment(CaseRun c) {
    ObjectNode payment = JSON.createObjectNode().put("paymentId", Catalogue.payLinkPayment(c.orderId));
    String path = "/api/after-sales/cases/" + c.caseId + "/order-payments";
    Answer answer = send("POST", path, "channel", payment);
    if (answer.status() / 100 == 2) {
      c.paymentOutcome = "ACCEPTED";
    } else if (answer.status() == 409 && !CONCURRENT_CHANGE.equals(answer.body().path("title").asText())) {
      c.paymentOutcome = "REFUSED";
    } else if (answer.status() == 503 && REFUND_PENDING.equals(answer.body().path("title").asText())) {
      c.paymentOutcome = "STORED";
      return; // reported once, not again: neither twice on purpose
    } else {
      return; // no instance answered, it failed, or it asks to send again (a concurrent change): the channel tries again
    }
    c.paymentSent = true;
    if (random.nextInt(3) == 0) {
      duplicateOrderPayments.incrementAndGet();
      send("POST", path, "channel", payment);
    }
  }

  private ObjectNode exceptionReport(CaseRun c) {
    ObjectNode report = JSON.createObjectNode().put("type", c.kind.exceptionType());
    ObjectNode details = report.putObject("details").put("note", "chaos " + c.kind.code);
    switch (c.kind) {
      case EXCEPTION_ADDRESS -> details.put("address", "文三路 " + c.n + " 号");
      case EXCEPTION_ADDRESS_UNSURE -> details.put("address", "文三路 ?? 号");
      case EXCEPTION_PARCELS -> details.put("parcels", 5);
      case EXCEPTION_CARRIER -> details.put("region", "GD").put("weightGrams", 1200).put("carrier", "YTO");
      default -> {
        // the type says it all
      }
    }
    return report;
  }

  private void open(CaseRun c) {
    JsonNode answer;
    if (c.kind.outOfStock()) {
      ObjectNode shortage = JSON.createObjectNode().put("sku", c.sku).put("quantity", c.kind.quantity());
      answer = call("POST", "/api/orders/" + c.orderId + "/shortages", "warehouse", shortage);
    } else if (c.kind.exception()) {
      answer = call("POST", "/api/orders/" + c.orderId + "/exceptions", "warehouse", exceptionReport(c));
    } else {
      answer = call("POST", "/api/after-sales/requests", "channel", request(c));
    }
    if (answer != null && answer.hasNonNull("caseId")) {
      c.caseId = answer.get("caseId").asText();
      byCaseId.put(c.caseId, c);
      c.status = answer.path("status").asText(null);
      if (random.nextInt(5) == 0) {
        // the channel (or warehouse) sends the same request again: the same case, nothing new
        duplicateRequests.incrementAndGet();
        JsonNode again = c.kind.outOfStock()
            ? call("POST", "/api/orders/" + c.orderId + "/shortages", "warehouse",
                JSON.createObjectNode().put("sku", c.sku).put("quantity", c.kind.quantity()))
            : c.kind.exception()
            ? call("POST", "/api/orders/" + c.orderId + "/exceptions", "warehouse", exceptionReport(c))
            : call("POST", "/api/after-sales/requests", "channel", request(c));
        if (again != null && again.hasNonNull("caseId") && !again.get("caseId").asText().equals(c.caseId)) {
          findings.add("request sent twice opened two cases: " + c.caseId + " and " + again.get("caseId").asText());
        }
      }
    }
  }

  private ObjectNode request(CaseRun c) {
    ObjectNode r = JSON.createObjectNode()
        .put("channel", "TMALL")
        .put("channelRequestId", c.channelRequestId)
        .put("orderId", c.orderId);
    ObjectNode line = JSON.createObjectNode().put("sku", c.sku).put("quantity", 1);
    boolean photo = false;
    switch (c.kind) {
      case RETURN_NO_REASON, TIMER_RACE -> r.put("type", "RETURN").put("reason", "NO_REASON").put("unopened", true)
          .put("description", "changed my mind");
      case RETURN_QUALITY -> {
        r.put("type", "RETURN").put("reason", "QUALITY").put("unopened", false).put("description", "cracked lid");
        photo = true;
      }
      case EXCHANGE_SAME, EXCHANGE_CHEAPER, EXCHANGE_DEARER -> {
        r.put("type", "EXCHANGE").put("reason", "NO_REASON").put("unopened", true).put("description", "other variant");
        line.put("exchangeSku", switch (c.kind) {
          case EXCHANGE_CHEAPER -> "SKU-SHIRT-LINEN-L";
          case EXCHANGE_DEARER -> "SKU-SHIRT-SILK-L";
          default -> "SKU-SHIRT-BLUE-L";
        });
      }
      case WRONG_ITEM -> {
        r.put("type", "WRONG_ITEM").putNull("reason").put("unopened", false).put("description", "wrong colour");
        line.put("receivedSku", "SKU-PHONE-CASE-BLACK");
        photo = true;
      }
      case MISSING_ITEM -> r.put("type", "MISSING_ITEM").putNull("reason").put("unopened", false)
          .put("description", "item missing from the parcel");
      default -> throw new IllegalStateException("not a request: " + c.kind);
    }
    r.putArray("lines").add(line);
    if (photo) {
      r.putArray("evidence").addObject().put("url", "https://img.fake.example/" + c.orderId + ".jpg").put("kind", "PHOTO");
    } else {
      r.putArray("evidence");
    }
    return r;
  }

  private void receipt(CaseRun c) {
    ObjectNode body = JSON.createObjectNode().put("caseId", c.caseId);
    body.putArray("items").addObject().put("sku", c.sku).put("barcode", c.kind.barcode())
        .put("grade", c.kind == Kind.RETURN_QUALITY ? "DAMAGED" : "NEW");
    int copies = random.nextInt(4) == 0 ? 2 : 1;
    if (copies == 2) {
      // the scanner reports the parcel twice, at once, to whichever instances answer
      duplicateReceipts.incrementAndGet();
      Thread twin = Thread.ofVirtual().start(
          () -> c.sent("receipt (twin)", send("POST", "/api/warehouse/receipts", "warehouse", body).status()));
      Answer answer = send("POST", "/api/warehouse/receipts", "warehouse", body);
      c.sent("receipt", answer.status());
      joinQuietly(twin);
      receiptAnswered(c, answer);
    } else {
      Answer answer = send("POST", "/api/warehouse/receipts", "warehouse", body);
      c.sent("receipt", answer.status());
      receiptAnswered(c, answer);
    }
  }

  /**
   * A receipt without an answer (the instance died before or after storing it) or with a 5xx is sent again while the
   * case does not show the parcel; one the case shows stored is not, and a process it never reached is the receipt
   * retry's to tell (docs/architecture.md, "Receipts are store-then-publish"). Until 8 December 2026 the driver sent it
   * again whatever the case showed, which left the retry unexercised.
   */
  private static void receiptAnswered(CaseRun c, Answer answer) {
    c.receiptSent = answer.status() / 100 == 2;
    c.receiptUnanswered = answer.status() == 0 || answer.status() / 100 == 5;
  }

  /**
   * Out-of-stock groups: when all five wait, 8 of their 10 units arrive (reported twice), then the last 2. An
   * arrival is a fact of the warehouse from the moment the driver first reports it, answered or not: its units
   * count as arrived then, and the driver reports it again with the same {@code arrivalId} until an instance
   * answers 2xx, as the contract asks of the warehouse (an arrival applied by an instance killed before it answered
   * was counted as never arrived, and its backorders as phantom stock).
   */
  private final Map<Integer, Integer> arrivalsSent = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> arrivalsAnswered = new ConcurrentHashMap<>();
  private final Map<String, Integer> unitsArrived = new ConcurrentHashMap<>();
  private final List<String> phantomGroups = Collections.synchronizedList(new ArrayList<>());

  private void arrivals(List<CaseRun> active) {
    Map<Integer, List<CaseRun>> groups = cases.stream().filter(c -> c.kind == Kind.OUT_OF_STOCK_WAIT)
        .collect(Collectors.groupingBy(c -> c.group));
    for (Map.Entry<Integer, List<CaseRun>> g : groups.entrySet()) {
      int group = g.getKey();
      List<CaseRun> members = g.getValue();
      String sku = members.get(0).sku;
      int units = members.size() * 2;
      int firstUnits = members.size() == 1 ? units : units - 2;
      int sent = arrivalsSent.getOrDefault(group, 0);
      if (sent > arrivalsAnswered.getOrDefault(group, 0)) {
        // the last arrival got no 2xx: the warehouse reports it again, the same arrival
        boolean first = sent == 1;
        if (arrival(sku, first ? firstUnits : 2, sku + (first ? "-A1" : "-A2"), false)) {
          arrivalsAnswered.put(group, sent);
        }
        continue;
      }
      boolean allWaiting = members.stream().allMatch(c -> "WAITING_FOR_STOCK".equals(c.status) || c.finished());
      if (!allWaiting) {
        continue;
      }
      if (sent == 0) {
        unitsArrived.merge(sku, firstUnits, Integer::sum);
        arrivalsSent.put(group, 1);
        if (arrival(sku, firstUnits, sku + "-A1", true)) {
          arrivalsAnswered.put(group, 1);
        }
      } else if (sent == 1 && members.size() > 1) {
        long waitingNow = members.stream().filter(c -> "WAITING_FOR_STOCK".equals(c.status)).count();
        long shipped = members.stream().filter(c -> "SHIPPED".equals(c.status)).count();
        if (shipped == members.size()) {
          // every backorder shipped on the first arrival, which covered all but one of them: the arrival
          // reported twice handed out units that never arrived
          phantomGroups.add(sku + ": " + members.size() + " backorders shipped on " + (units - 2) + " units");
          arrivalsSent.put(group, 2);
          arrivalsAnswered.put(group, 2);
        } else if (shipped == members.size() - 1 && waitingNow == 1) {
          unitsArrived.merge(sku, 2, Integer::sum);
          arrivalsSent.put(group, 2);
          if (arrival(sku, 2, sku + "-A2", random.nextBoolean())) {
            arrivalsAnswered.put(group, 2);
          }
        }
      }
    }
  }

  /** Whether a backorder group got every arrival the driver sends it (one for a group of one, else two), answered. */
  private boolean arrivalsDone(int group) {
    long members = cases.stream().filter(c -> c.kind == Kind.OUT_OF_STOCK_WAIT && c.group == group).count();
    return arrivalsAnswered.getOrDefault(group, 0) >= (members > 1 ? 2 : 1);
  }

  private boolean arrival(String sku, int quantity, String arrivalId, boolean twice) {
    ObjectNode body = JSON.createObjectNode().put("sku", sku).put("quantity", quantity).put("warehouseId", "WH-HZ-01")
        .put("arrivalId", arrivalId);
    JsonNode answer = call("POST", "/api/stock/arrivals", "warehouse", body);
    if (answer != null && twice) {
      // the warehouse reports the same arrival again (to whichever instance answers)
      duplicateArrivals.incrementAndGet();
      call("POST", "/api/stock/arrivals", "warehouse", body);
    }
    return answer != null;
  }

  // ------------------------------------------------------------------------------------------ agents

  /**
   * Plays the agents: completes every open task the way its form allows, once per task (again after 30 s). A pass
   * that fails is logged and the next one tries again: agents that stopped for good would leave every later task
   * open, and the run would report its cases stuck instead of what failed.
   */
  private void agentsLoop(AtomicInteger stop) throws InterruptedException {
    while (stop.get() == 0) {
      try {
        completeOpenTasks();
      } catch (RuntimeException e) {
        agentPassesFailed.incrementAndGet();
        log("agents: a pass failed (the next one tries again): %s", e);
      }
      Thread.sleep(quick ? 2_000 : 4_000);
    }
  }

  private void completeOpenTasks() {
    EngineView view = EngineView.of(engine.records());
    lastView = view;
    for (EngineView.OpenTask task : view.openTasks.values()) {
      Long sentAt = completionsSent.get(task.userTaskKey());
      if (sentAt != null && System.nanoTime() - sentAt < 30e9) {
        continue;
      }
      Map<String, Object> form = formFor(task.elementId(), task.caseId() == null ? null : byCaseId.get(task.caseId()));
      if (form == null) {
        continue; // a task the campaign does not expect (it is reported if its case never ends)
      }
      engine.writeUserTaskCommand(UserTaskIntent.COMPLETE, new UserTaskRecord()
          .setUserTaskKey(task.userTaskKey())
          .setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(form)))
          .setAction("complete"));
      if (completionsSent.put(task.userTaskKey(), System.nanoTime()) == null) {
        tasksCompleted.incrementAndGet();
      }
    }
  }

  private static Map<String, Object> formFor(String elementId, CaseRun c) {
    return switch (elementId) {
      case "UserTask_ReviewExceptionOrder" -> c == null ? null : switch (c.kind) {
        // the risk team cancels a blacklisted customer's order; the customer declines cash on delivery on the phone
        case EXCEPTION_BLACKLISTED, EXCEPTION_CASH_ON_DELIVERY -> Map.of("exceptionDecision", "CANCEL",
            "reviewNotes", "chaos agent");
        case EXCEPTION_PARCELS -> Map.of("exceptionDecision", "RELEASE", "parcelPlan", "APPROVE_SPLIT",
            "reviewNotes", "chaos agent");
        case EXCEPTION_CARRIER -> Map.of("exceptionDecision", "RELEASE", "carrier", "ZTO", "reviewNotes", "chaos agent");
        default -> Map.of("exceptionDecision", "RELEASE", "reviewNotes", "chaos agent");
      };
      case "UserTask_ReviewEvidence", "UserTask_ReviewMisSentClaim", "UserTask_ReviewDisputedPick" ->
          Map.of("reviewDecision", "APPROVE", "reviewNote", "chaos agent");
      case "UserTask_ContactCustomerAboutShortage" -> Map.of("customerAnswer", "CANCEL", "contactNotes", "chaos agent");
      case "UserTask_DecideOnLateParcel" -> Map.of("lateParcelDecision", "ACCEPT", "lateParcelNote", "chaos agent");
      // finance refunds a late payment whose refund the provider declined by bank transfer
      case "UserTask_ArrangeManualRefund" -> Map.of("manualRefundReference", "BT-" + (c == null ? "chaos" : c.orderId),
          "manualRefundNote", "chaos finance");
      default -> null;
    };
  }

  // ------------------------------------------------------------------------------------------ faults

  private void faultsLoop(AtomicInteger stop) throws Exception {
    long runStart = System.nanoTime();
    // The crashes are spread over the cases, not over the clock: crash k comes when about k shares of the cases
    // have ended (a crash every ~20 s on a busy machine left the instances restarting most of the
    // time, and the cases did not get through). A campaign whose cases stall still crashes every crashIdle.
    // The schedule ends when 90 % of the cases have ended: the last crashes still meet cases in flight, and they
    // all come before the driving ends (spread over all the cases, the last ones fell due as the last case ended,
    // and a run on a fast machine stopped at 98 of 100).
    double expectedSeconds = scheduleSeconds();
    double casesPerCrash = 0.9 * cases.size() / (crashTarget + 1);
    long crashIdle = (long) (Math.max(60, 3 * expectedSeconds / crashTarget) * 1e9);
    long lastCrash = System.nanoTime();
    double nextCrashAt = casesPerCrash * (0.75 + 0.5 * random.nextDouble());
    long nextBurst = System.nanoTime() + 10_000_000_000L;
    long nextDrop = System.nanoTime() + 15_000_000_000L;
    boolean secondStarted = false;
    while (stop.get() == 0) {
      double elapsed = (System.nanoTime() - runStart) / 1e9;
      fakes.stallRate = faultsOn ? 0.03 : 0;
      if (!faultsOn) {
        if (secondStarted && !secondInstanceDone) {
          apps.stop(apps.slot(1));
          secondInstanceDone = true;
          log("second instance stopped");
        }
        Thread.sleep(500);
        continue;
      }
      // a second instance serves from 20% (full: 10%) of the crash schedule until the faults end
      if (!secondStarted && elapsed > expectedSeconds * (quick ? 0.2 : 0.1)) {
        apps.start(apps.slot(1));
        secondStarted = true;
        log("second instance starting on port %d", apps.slot(1).port);
      }
      long now = System.nanoTime();
      if (apps.crashes.get() < crashTarget && (ended() >= nextCrashAt || now - lastCrash > crashIdle)) {
        // the victim has served for 10 s at least; quick: only while every running instance serves (a CI run
        // must not starve); full: either instance, so that a hundred crashes fit (both may be down for a while)
        List<Apps.Slot> up = apps.servingFor(Duration.ofSeconds(10));
        if (!up.isEmpty() && (!quick || allRunningHealthy())) {
          Apps.Slot victim = up.get(random.nextInt(up.size()));
          synchronized (apps) {
            // one step, so that the health loop never sees the killed process and restarts it as a failed start
            apps.crash(victim);
            apps.start(victim);
          }
          log("kill -9 of instance %d (crash %d of %d, %d cases ended), restarting", victim.index,
              apps.crashes.get(), crashTarget, ended());
          lastCrash = now;
          nextCrashAt = casesPerCrash * (apps.crashes.get() + 0.75 + 0.5 * random.nextDouble());
        }
      }
      if (now > nextBurst) {
        boolean serverErrors = random.nextBoolean();
        if (serverErrors) {
          bursts5xx.incrementAndGet();
          fakes.serverErrorRate = 0.5;
        } else {
          bursts409.incrementAndGet();
          fakes.conflictRate = 0.5;
        }
        Thread.sleep(3_000 + random.nextInt(4_000));
        fakes.serverErrorRate = 0;
        fakes.conflictRate = 0;
        nextBurst = System.nanoTime() + (long) ((10 + random.nextInt(15)) * 1e9);
      }
      if (now > nextDrop && allRunningHealthy()) {
        // not while an instance starts: its migrations would fail and it would exit (a failed start, not a drop)
        dropDatabaseConnections();
        nextDrop = now + (long) ((15 + random.nextInt(20)) * 1e9);
      }
      Thread.sleep(250);
    }
  }

  /**
   * How long the crashes take: a restart takes about half a minute on a busy 2-core machine; the full run
   * crashes the two instances in turn, twice as often.
   */
  /** Cases through with the driving: in a final status, or parked until the engine clock jumps (timer races). */
  private long ended() {
    return cases.stream().filter(c -> c.caseId != null && (c.finished() || c.waitsForClock())).count();
  }

  private double scheduleSeconds() {
    return crashTarget * (quick ? 30.0 : 15.0);
  }

  private boolean allRunningHealthy() {
    for (int i = 0; i < 2; i++) {
      Apps.Slot slot = apps.slot(i);
      if (slot.process != null && slot.process.isAlive() && !slot.healthy) {
        return false;
      }
    }
    return true;
  }

  /** Kills every server-side connection of the application's pools (a database restart as the pool sees it). */
  private void dropDatabaseConnections() {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "root", "");
         Statement statement = connection.createStatement()) {
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = 'aftersales' AND ID <> CONNECTION_ID()")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      for (long id : ids) {
        try {
          statement.execute("KILL CONNECTION " + id);
        } catch (Exception ignored) {
          // gone already
        }
      }
      dbDrops.incrementAndGet();
    } catch (Exception e) {
      log("dropping database connections failed: %s", e);
    }
  }

  /** Restarts an instance whose process ended (a start killed before it was up, or a failed start). */
  private void healthLoop(AtomicInteger stop) throws Exception {
    while (stop.get() == 0) {
      for (int i = 0; i < 2; i++) {
        Apps.Slot slot = apps.slot(i);
        if (slot.process == null) {
          continue;
        }
        Process process = slot.process;
        if (!process.isAlive()) {
          if (i == 1 && secondInstanceDone) {
            continue;
          }
          synchronized (apps) {
            if (slot.process == process) {
              log("instance %d ended on its own (exit %d); restarting", i, process.exitValue());
              apps.start(slot);
            }
          }
        } else if (!slot.healthy) {
          apps.probe(slot);
        }
      }
      Thread.sleep(1_000);
    }
  }

  /**
   * Instance 0 up and healthy. An instance that ends on its own while it starts (on a loaded machine its
   * database connection can time out during start-up) is started again, as a service manager would, up
   * to three times; only then does the campaign stop.
   */
  private void ensureUp() throws Exception {
    Apps.Slot first = apps.slot(0);
    for (int attempt = 1; attempt <= 3; attempt++) {
      synchronized (apps) {
        if (first.process == null || !first.process.isAlive()) {
          if (attempt > 1) {
            log("instance 0 ended while starting (attempt %d); starting it again", attempt - 1);
          }
          apps.start(first);
        }
      }
      if (apps.awaitHealthy(first, Duration.ofMinutes(4))) {
        return;
      }
    }
    throw new IllegalStateException("the application did not come back: see " + home.resolve("app-0.log"));
  }

  // ------------------------------------------------------------------------------------------ settle, race

  private void settle(java.util.function.Predicate<CaseRun> which) throws Exception {
    long deadline = System.nanoTime() + settleDeadline.toNanos();
    List<CaseRun> selected = cases.stream().filter(which).toList();
    log("settling %d cases (at most %d s)", selected.size(), settleDeadline.toSeconds());
    while (System.nanoTime() < deadline) {
      List<CaseRun> open = selected.stream().filter(c -> (!c.finished() || needsMore(c)) && !c.waitsForClock())
          .toList();
      if (open.isEmpty()) {
        break;
      }
      for (CaseRun c : open) {
        step(c);
      }
      arrivals(open);
      Thread.sleep(1_000);
    }
    progress();
  }

  /**
   * Returns whose parcel arrives while the 7-day timer fires: the receipts go out while the engine's clock
   * jumps past the 7 days; whichever wins, the customer is refunded once (late parcel: an agent accepts).
   * The same jump passes the payment deadline of the exception orders waiting for their payment: the payments
   * racing it go out at the same moments (released and kept, or cancelled and refunded once); the late ones
   * after the cancellation (settle).
   */
  private void timerRace() throws Exception {
    List<CaseRun> racers = cases.stream()
        .filter(c -> c.kind == Kind.TIMER_RACE && "AWAITING_PARCEL".equals(c.status)).toList();
    List<CaseRun> payers = cases.stream().filter(c -> c.kind == Kind.EXCEPTION_PAYMENT_RACE && c.waitsForClock()).toList();
    long lateWaiting = cases.stream().filter(c -> c.kind == Kind.EXCEPTION_PAID_LATE && c.waitsForClock()).count();
    log("timer race: %d returns awaiting their parcel, %d + %d exception orders awaiting their payment; receipts and "
        + "payments while the engine clock moves 7 days on", racers.size(), payers.size(), lateWaiting);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    for (CaseRun c : racers) {
      sent.add(pool.submit(() -> {
        sleep(random.nextInt(1_500));
        c.raced = true;
        while (!c.receiptSent) {
          receipt(c);
          if (!c.receiptSent) {
            sleep(500);
          }
        }
      }));
    }
    for (CaseRun c : payers) {
      sent.add(pool.submit(() -> {
        sleep(random.nextInt(1_500));
        c.raced = true;
        while (c.paymentOutcome == null) {
          orderPayment(c);
          if (c.paymentOutcome == null) {
            sleep(500);
          }
        }
      }));
    }
    sleep(700);
    engine.engine().increaseTime(Duration.ofDays(7).plusMinutes(1));
    for (Future<?> f : sent) {
      f.get();
    }
    pool.shutdown();
    for (CaseRun c : cases) {
      if (c.kind.racesClock()) {
        c.raced = true;
      }
    }
  }

  // ------------------------------------------------------------------------------------------ verdict

  private int verdict(double seconds) {
    EngineView view = EngineView.of(engine.records());
    List<Fakes.Applied> applied = fakes.applied();
    Map<String, CaseRun> byCase = new HashMap<>();
    for (CaseRun c : cases) {
      if (c.caseId != null) {
        byCase.put(c.caseId, c);
      }
    }
    Map<String, List<Fakes.Applied>> effects = applied.stream().collect(Collectors.groupingBy(Fakes.Applied::caseId));

    int duplicates = fakes.conflictingReuse.size();
    for (String conflict : fakes.conflictingReuse) {
      findings.add("key sent again with another amount: " + conflict);
    }
    int missing = 0;
    int refundedByHandCount = 0;
    int wrongAmounts = 0;
    boolean lateRefundsChecked = latePaymentsRefunded();
    List<String> lateNotRefunded = new ArrayList<>();
    for (CaseRun c : cases) {
      if (c.caseId == null) {
        continue;
      }
      List<Fakes.Applied> mine = effects.getOrDefault(c.caseId, List.of());
      List<Fakes.Applied> refunds = mine.stream().filter(a -> a.path().equals("/payments/refunds")).toList();
      BigDecimal refunded = refunds.stream().map(a -> a.amount() == null ? BigDecimal.ZERO : a.amount())
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal expected = expectedRefund(c);
      if (refunds.size() > 1 || refunded.compareTo(expected.max(BigDecimal.ZERO)) > 0 && expected.signum() > 0) {
        duplicates++;
        findings.add("case " + c.caseId + " (" + c.kind + "): " + refunds.size() + " refunds, " + refunded
            + " CNY, expected one of " + expected + " (keys " + refunds.stream().map(Fakes.Applied::key).toList() + ")");
      } else if (expected.signum() == 0 && !refunds.isEmpty()) {
        duplicates++;
        findings.add("case " + c.caseId + " (" + c.kind + ", " + c.status + ", payment " + c.paymentOutcome + ") refunded "
            + refunded + " but should refund nothing");
      }
      if (expected.signum() > 0 && refunds.isEmpty() && refundedByHand(c)) {
        refundedByHandCount++;
        if (!Catalogue.refundDeclined(Catalogue.payLinkPayment(c.orderId))) {
          findings.add("case " + c.caseId + " (" + c.kind + ") was refunded by hand (" + c.latePaymentRefundId
              + ") although the provider did not decline its refund");
          missing++;
        }
      } else if (expected.signum() > 0 && refunds.isEmpty()) {
        if (c.kind.paymentFailed() && !lateRefundsChecked) {
          // the application refuses payments after the cancellation (409): reported, not counted, until it refunds them
          lateNotRefunded.add(c.caseId + " (" + c.kind.code + ", payment " + c.paymentOutcome + ")");
        } else {
          missing++;
          findings.add("case " + c.caseId + " (" + c.kind + ", " + c.status
              + (c.paymentOutcome == null ? "" : ", payment " + c.paymentOutcome) + ") has no refund; expected " + expected);
        }
      } else if (expected.signum() > 0 && refunded.compareTo(expected) != 0 && refunds.size() == 1) {
        wrongAmounts++;
        findings.add("case " + c.caseId + " (" + c.kind + ") refunded " + refunded + ", expected " + expected);
      } else if (c.kind.paymentFailed() && refunds.size() == 1
          && !Catalogue.payLinkPayment(c.orderId).equals(refunds.get(0).body().path("paymentId").asText())) {
        wrongAmounts++;
        findings.add("case " + c.caseId + " (" + c.kind + ") refunded payment " + refunds.get(0).body().path("paymentId").asText()
            + ", not the payment the customer made (" + Catalogue.payLinkPayment(c.orderId) + ")");
      }
      // every other effect of a kind at most once per case: two keys doing one thing are two effects (an exception
      // order's hold, release and cancellation are checked per order below)
      Map<String, Long> perEffect = mine.stream().filter(a -> !a.path().equals("/payments/refunds"))
          .filter(a -> !a.path().equals("/notifications"))
          .filter(a -> !(c.kind.exception() && OMS_HOLD_OUTCOME.matcher(a.path()).matches()))
          .collect(Collectors.groupingBy(a -> effectName(a), Collectors.counting()));
      for (Map.Entry<String, Long> e : perEffect.entrySet()) {
        if (e.getValue() > 1) {
          duplicates++;
          findings.add("case " + c.caseId + " (" + c.kind + "): " + e.getValue() + " x " + e.getKey() + " (keys "
              + mine.stream().filter(a -> effectName(a).equals(e.getKey())).map(Fakes.Applied::key).toList() + ")");
        }
      }
    }
    // exception orders: held once, then released or cancelled in OMS exactly once (never both), as the case says
    Map<String, Map<String, Long>> omsByOrder = applied.stream()
        .filter(a -> OMS_HOLD_OUTCOME.matcher(a.path()).matches())
        .collect(Collectors.groupingBy(a -> a.path().split("/")[3],
            Collectors.groupingBy(a -> a.path().split("/")[4], Collectors.counting())));
    Map<String, String> omsUnresolved = new HashMap<>();
    for (CaseRun c : cases) {
      if (!c.kind.exception() || c.caseId == null) {
        continue;
      }
      Map<String, Long> oms = omsByOrder.getOrDefault(c.orderId, Map.of());
      long holds = oms.getOrDefault("hold", 0L);
      long releases = oms.getOrDefault("release", 0L);
      long cancellations = oms.getOrDefault("cancellation", 0L);
      String said = "case " + c.caseId + " (" + c.kind + ", " + c.status + ") order " + c.orderId + ": ";
      if (holds > 1) {
        duplicates++;
        findings.add(said + holds + " holds");
      }
      if (releases + cancellations > 1) {
        duplicates++;
        findings.add(said + releases + " releases and " + cancellations + " cancellations in OMS");
      } else if (releases + cancellations == 1 && ("RELEASED".equals(c.status) && cancellations == 1
          || "CANCELLED".equals(c.status) && releases == 1)) {
        duplicates++;
        findings.add(said + "OMS " + (releases == 1 ? "released" : "cancelled") + " it, the case says " + c.status);
      } else if (releases + cancellations == 0 && c.finished()) {
        omsUnresolved.put(c.caseId, holds == 0 ? "never held nor released or cancelled in OMS"
            : "never released or cancelled in OMS");
      }
    }
    // phantom stock: units shipped to backorders of a sku beyond what arrived
    for (Map.Entry<String, Integer> arrived : unitsArrived.entrySet()) {
      String sku = arrived.getKey();
      int shipped = 0;
      for (Fakes.Applied a : applied) {
        if (a.path().equals("/wms/outbound-orders") && byCase.containsKey(a.caseId())
            && sku.equals(byCase.get(a.caseId()).sku)) {
          for (JsonNode line : a.body().path("lines")) {
            shipped += line.path("quantity").asInt();
          }
        }
      }
      if (shipped > arrived.getValue()) {
        duplicates++;
        findings.add("sku " + sku + ": " + shipped + " units shipped to backorders, " + arrived.getValue() + " arrived");
      }
    }

    for (String phantom : phantomGroups) {
      duplicates++;
      findings.add("phantom stock: sku " + phantom);
    }
    // A second instance of a case's process that was cancelled (the case refused it: its start answer was
    // lost and the start retried) did nothing; one that ran on, or completed, is an extra instance.
    Map<String, List<EngineView.RootInstance>> instancesPerCaseAndProcess = view.roots.stream()
        .filter(r -> r.caseId() != null).filter(r -> CASE_PROCESSES.contains(r.bpmnProcessId()))
        .collect(Collectors.groupingBy(r -> r.caseId() + " " + r.bpmnProcessId()));
    int extra = 0;
    int refusedSecondStarts = 0;
    for (Map.Entry<String, List<EngineView.RootInstance>> e : instancesPerCaseAndProcess.entrySet()) {
      long live = e.getValue().stream().filter(r -> !r.terminated()).count();
      refusedSecondStarts += (int) (e.getValue().size() - Math.max(1, live));
      if (live > 1) {
        extra += (int) (live - 1);
        findings.add("case/process " + e.getKey() + ": " + live + " instances not cancelled (of " + e.getValue().size() + ")");
      }
    }
    this.refusedSecondStarts = refusedSecondStarts;
    Set<String> withInstance = view.roots.stream().map(EngineView.RootInstance::caseId).filter(x -> x != null)
        .collect(Collectors.toSet());

    int stuck = 0;
    for (CaseRun c : cases) {
      if (c.done() && omsUnresolved.containsKey(c.caseId)) {
        // the case says it is over, the order platform never heard: the order waits for ever
        stuck++;
        findings.add("stuck: " + c.kind + " " + c.orderId + " case " + c.caseId + " is " + c.status + " but "
            + omsUnresolved.get(c.caseId));
      } else if (!c.done()) {
        stuck++;
        List<String> tasks = view.openTasks.values().stream().filter(t -> c.caseId != null && c.caseId.equals(t.caseId()))
            .map(EngineView.OpenTask::elementId).toList();
        List<String> incidents = view.openIncidents.values().stream()
            .filter(i -> c.caseId != null && c.caseId.equals(i.caseId()))
            .map(i -> i.elementId() + ": " + abbreviate(i.message())).toList();
        findings.add("stuck: " + c.kind + " " + c.orderId + " case " + c.caseId + " in " + c.status + " (expected "
            + c.kind.finalStatus + ")" + (c.caseId != null && !withInstance.contains(c.caseId) ? ", no process instance" : "")
            + (tasks.isEmpty() ? "" : ", open tasks " + tasks) + (incidents.isEmpty() ? "" : ", incidents " + incidents)
            + (c.lastError == null ? "" : ", last driver error " + abbreviate(c.lastError))
            + (c.sent.isEmpty() ? "" : ", sent " + List.copyOf(c.sent))
            + (c.caseId == null ? "" : "; engine: " + view.whereIs(c.caseId)));
      }
    }
    // A parcel received during the run reaches its process within seconds (its message, or the receipt retry's): a
    // late-parcel instance of a case that did not race the 7-day timer means its process was never told and waited
    // for the timer, however well it ended (an agent accepted the "late" parcel).
    Map<String, CaseRun> runOfCase = cases.stream().filter(c -> c.caseId != null)
        .collect(Collectors.toMap(c -> c.caseId, c -> c, (a, b) -> a));
    for (EngineView.RootInstance root : view.roots) {
      CaseRun c = root.caseId() == null ? null : runOfCase.get(root.caseId());
      if (c != null && c.kind != Kind.TIMER_RACE && ProcessIds.LATE_PARCEL.equals(root.bpmnProcessId())) {
        stuck++;
        findings.add("stuck until the 7-day timer: " + c.kind + " " + c.orderId + " case " + c.caseId
            + " became a late parcel (its process was not told of the receipt" + (c.receiptLeftToRetry
            ? ", which the driver left to the receipt retry)" : ")") + ", sent " + List.copyOf(c.sent));
      }
    }

    log("---- figures (%.0f s) ----", seconds);
    Map<Kind, Long> perKind = cases.stream().collect(Collectors.groupingBy(c -> c.kind, TreeMap::new, Collectors.counting()));
    log("cases per kind: %s", perKind);
    log("injected: crashes (kill -9) %d, app starts %d, 5xx bursts %d, 409 bursts %d, database connection drops %d, "
            + "applied-then-stalled answers %d, 5xx answers %d, 409 answers %d, 'already refunded' answers %d",
        apps.crashes.get(), apps.starts.get(), bursts5xx.get(), bursts409.get(), dbDrops.get(), fakes.stalled.get(),
        fakes.injected5xx.get(), fakes.injected409.get(), fakes.alreadyRefundedAnswers.get());
    log("duplicated: requests %d, receipts %d, difference payments %d, order payments %d, arrivals %d; timer races %d; "
            + "unanswered receipts the case showed stored, not sent again (the receipt retry's) %d",
        duplicateRequests.get(), duplicateReceipts.get(), duplicatePayments.get(), duplicateOrderPayments.get(),
        duplicateArrivals.get(), cases.stream().filter(c -> c.kind == Kind.TIMER_RACE).count(), receiptsLeftToRetry.get());
    log("exception orders: %s; order payments accepted %d, refused %d, stored with their refund pending %d (the "
            + "first refund of each of %d late payments refused by the provider: the payment retry refunds them); "
            + "late refunds declined by the provider %d (%d declines answered), refunded by hand by finance %d; "
            + "payments racing the deadline: %s",
        cases.stream().filter(c -> c.kind.exception())
            .collect(Collectors.groupingBy(c -> c.kind.code + " " + c.status, TreeMap::new, Collectors.counting())),
        cases.stream().filter(c -> "ACCEPTED".equals(c.paymentOutcome)).count(),
        cases.stream().filter(c -> "REFUSED".equals(c.paymentOutcome)).count(),
        cases.stream().filter(c -> "STORED".equals(c.paymentOutcome)).count(), fakes.lateRefundsRefusedOnce.get(),
        fakes.lateRefundKeysDeclined.size(), fakes.lateRefundDeclines.get(), refundedByHandCount,
        cases.stream().filter(c -> c.kind == Kind.EXCEPTION_PAYMENT_RACE)
            .collect(Collectors.groupingBy(c -> c.status + "/" + c.paymentOutcome, TreeMap::new, Collectors.counting())));
    if (!lateNotRefunded.isEmpty()) {
      log("not counted: %d order payments after the cancellation not refunded, as the application refuses late "
          + "payments (409) and refunds none yet: %s", lateNotRefunded.size(), lateNotRefunded);
    }
    log("effects applied %d, retried keys answered again %d, tasks completed %d (agents' passes failed %d), API calls %d"
        + " (failed %d), open incidents %d", applied.size(), fakes.replays.get(), tasksCompleted.get(),
        agentPassesFailed.get(), apiCalls.get(), apiFailures.get(), view.openIncidents.size());
    if (!fakes.unknownPaths.isEmpty()) {
      log("calls no fake answers: %s", fakes.unknownPaths.stream().distinct().limit(10).toList());
    }
    log("wrong refund amounts: %d; second process starts cancelled by their case: %d", wrongAmounts, refusedSecondStarts);
    for (String finding : findings.stream().limit(60).toList()) {
      log("finding: %s", finding);
    }
    if (findings.size() > 60) {
      log("... %d more findings", findings.size() - 60);
    }
    int crashes = apps.crashes.get();
    System.out.printf("chaos: cases=%d crashes=%d duplicate_effects=%d missing_refunds=%d extra_instances=%d stuck_cases=%d%n",
        cases.size(), crashes, duplicates, missing, extra, stuck);
    return duplicates + missing + extra + stuck == 0 ? 0 : 1;
  }

  /** An exception order's hold, release or cancellation in OMS: {@code /oms/orders/{orderId}/{what}}. */
  private static final java.util.regex.Pattern OMS_HOLD_OUTCOME =
      java.util.regex.Pattern.compile("/oms/orders/[^/]+/(hold|release|cancellation)");

  /**
   * The refund a case must get: its kind's, but for an exception order whose payment failed it depends on
   * how it ended — a payment the customer made (through the pay link) for an order the deadline cancelled is
   * refunded in full; one for a released order is kept.
   */
  private static BigDecimal expectedRefund(CaseRun c) {
    if (c.kind.paymentFailed()) {
      return "CANCELLED".equals(c.status) && c.paymentOutcome != null ? c.kind.paid : BigDecimal.ZERO.setScale(2);
    }
    return c.kind.refund;
  }

  /**
   * What an applied write did, for "at most once per case": the endpoint with ids taken out, and the sku for
   * the per-sku writes (a wrong item corrects the stock of two skus: two effects, each once).
   */
  private static String effectName(Fakes.Applied a) {
    String path = a.path().replaceAll("/(oms/orders|payments/installment-plans|payments/payment-requests)/[^/]+/", "/$1/{id}/");
    String sku = a.body().path("sku").asText("");
    return sku.isEmpty() ? path : path + " " + sku;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }

  // ------------------------------------------------------------------------------------------ HTTP

  private final AtomicInteger roundRobin = new AtomicInteger();

  /** A call to one of the running instances; null when none answered 2xx (the driver tries again later). */
  private JsonNode call(String method, String path, String user, JsonNode body) {
    Answer answer = send(method, path, user, body);
    return answer.status() / 100 == 2 ? answer.body() : null;
  }

  /**
   * An instance's answer; status 0 when none answered (none running, or the connection failed). A refusal's body is
   * its problem+json (its {@code title} says what to do), empty when it had none; null only when none answered.
   */
  private record Answer(int status, JsonNode body) {}

  private static JsonNode problem(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private Answer send(String method, String path, String user, JsonNode body) {
    List<Apps.Slot> up = apps.healthy();
    if (up.isEmpty()) {
      return new Answer(0, null);
    }
    Apps.Slot slot = up.get(Math.floorMod(roundRobin.getAndIncrement(), up.size()));
    apiCalls.incrementAndGet();
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(slot.baseUrl() + path))
          .timeout(Duration.ofSeconds(15))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json");
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body.toString()));
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 == 2) {
        return new Answer(answer.statusCode(),
            answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body()));
      }
      apiFailures.incrementAndGet();
      if (answer.statusCode() / 100 == 4 && answer.statusCode() != 409 && answer.statusCode() != 401) {
        findings.add(method + " " + path + " answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
      }
      return new Answer(answer.statusCode(), problem(answer.body()));
    } catch (IOException e) {
      apiFailures.incrementAndGet();
      return new Answer(0, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null);
    }
  }

  private void shutdown() {
    if (apps != null) {
      apps.close();
    }
    if (fakes != null) {
      fakes.close();
    }
    if (engine != null) {
      try {
        engine.close();
      } catch (Exception ignored) {
        // ending anyway
      }
    }
    if (database != null) {
      try {
        database.close();
      } catch (Exception ignored) {
        // ending anyway
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
