package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.tasks.TaskSla;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.ZeebeDbConstants;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.stream.impl.StreamProcessorContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The real Zeebe engine (ZPT, in memory) for tests, with a Camunda client, all models of the
 * project deployed as one deployment, and the one thing ZPT lacks: completing Camunda user tasks.
 *
 * <p>User-task completion is REST-only in Camunda 8 and ZPT only speaks gRPC, so this class writes
 * the engine's own {@code USER_TASK COMPLETE} command into the log, exactly as the REST gateway would.
 * It is the only place that does so (the local stack's {@link EngineUserTasks} goes through it too);
 * production code completes tasks through the REST API v2.
 *
 * <p>Every user task of the models has a completing listener ({@code note-task-completion}): the engine
 * completes the task only once that listener's job is completed. Integration tests have the real worker
 * for it; process-path tests have no workers, so their engine plays the listener itself
 * ({@link #playingTaskListeners()}).
 */
public final class ProcessTestEngine implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** How long a job or task expected now is looked for again before the test fails (see {@link #pause}). */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

  private final ZeebeTestEngine engine;
  private final CamundaClient client;
  private final RecordStream records;
  private volatile boolean playsTaskListeners;
  private volatile boolean playsTaskPriority;
  /** The case facts task-priority sees when this engine plays the listener; a test may change them. */
  private final Map<String, Object> taskPriorityFacts = new HashMap<>(Map.of("customerTier", "NORMAL", "urgent", false));
  /** How far {@link #increaseTime} moved the engine's clock ahead of the wall clock. */
  private volatile Duration clockOffset = Duration.ZERO;
  /** What {@link #recurringStrandedJobsEvery} started; null when nothing did. */
  private volatile ScheduledExecutorService strandedJobChecks;
  /** Where {@link #startOnRocksDb} keeps the engine's state; null for the in-memory state. */
  private Path stateDirectory;

  private ProcessTestEngine(ZeebeTestEngine engine) {
    this.engine = engine;
    this.client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
        .restAddress(URI.create("http://localhost:1")) // ZPT has no REST gateway; nothing must use it
        .preferRestOverGrpc(false)
        .build();
    this.records = RecordStream.of(copiedUnderLock(engine.getRecordStreamSource()));
    BpmnAssert.initRecordStream(records);
  }

  /**
   * The engine's records, each read a copy taken under a lock. ZPT's source appends the records written since the
   * last read to one list (under its own lock) and hands out that list itself, so a thread iterating it while another
   * thread reads failed with a ConcurrentModificationException: the fault campaign's agents died so when the backoff
   * check ({@link #recurringStrandedJobsEvery}) read the jobs, and the run's open tasks were never completed (CI of
   * 8 December 2026). A copy costs a few milliseconds at a campaign's 700,000 records, well under reading them.
   *
   * <p>ZPT's in-memory log is a plain list that the engine appends to on its own thread: a read can find an entry
   * counted but not yet visible, and its reader fails (a NullPointerException in {@code InMemoryLogStorage}, seen in
   * CI). The source keeps the position of the last record it took, so the read is simply made again a moment later.
   */
  static RecordStreamSource copiedUnderLock(RecordStreamSource source) {
    return new RecordStreamSource() {
      @Override
      public synchronized Iterable<Record<?>> getRecords() {
        for (int attempt = 1; ; attempt++) {
          try {
            return copy(source.getRecords());
          } catch (RuntimeException entryNotVisibleYet) {
            if (attempt == 50) {
              throw entryNotVisibleYet;
            }
            pause(Duration.ofMillis(2));
          }
        }
      }
    };
  }

  private static List<Record<?>> copy(Iterable<Record<?>> all) {
    if (all instanceof Collection<Record<?>> list) {
      return List.copyOf(list);
    }
    List<Record<?>> copy = new ArrayList<>();
    all.forEach(copy::add);
    return copy;
  }

  /** Starts an engine on a free port. */
  public static ProcessTestEngine start() {
    return start(freePort());
  }

  /** Starts an engine whose gRPC gateway listens on this port (the local stack's fixed port). */
  public static ProcessTestEngine start(int port) {
    return start(port, configuration -> { });
  }

  /**
   * Starts an engine on a free port with settings of its record processor changed first, as a broker's
   * {@code zeebe.broker.experimental.engine.*} would (the benchmark's message time-to-live check).
   */
  public static ProcessTestEngine start(Consumer<EngineConfiguration> configure) {
    return start(freePort(), configure);
  }

  private static ProcessTestEngine start(int port, Consumer<EngineConfiguration> configure) {
    ZeebeTestEngine engine = EngineFactory.create(port);
    withoutStateReadersBesideTheStreamProcessor(engine);
    configure.accept(engineConfiguration(engine));
    answeringOneAtATime(engine);
    engine.start();
    return new ProcessTestEngine(engine);
  }

  /**
   * Starts an engine whose state is RocksDB in a temporary directory, as a broker's is, instead of ZPT's in-memory
   * state, which copies all of itself into a new {@code TreeMap} before every prefix scan (docs/benchmarks.md): for
   * measurements ({@code bench/run.sh --rocksdb}). zeebe-db's {@code ZeebeRocksDbFactory} comes with ZPT as a
   * dependency of the engine, under the engine's licence (Camunda License 1.0) and in test scope. ZPT builds its
   * engine with its in-memory database and offers no other, so the database is swapped between create and start,
   * before the stream processor opens it. The directory is deleted when the engine is closed.
   */
  public static ProcessTestEngine startOnRocksDb() {
    return startOnRocksDb(configuration -> { });
  }

  /** {@link #startOnRocksDb()} with settings of the record processor changed first, as {@link #start(Consumer)}. */
  public static ProcessTestEngine startOnRocksDb(Consumer<EngineConfiguration> configure) {
    ZeebeTestEngine engine = EngineFactory.create(freePort());
    withoutStateReadersBesideTheStreamProcessor(engine);
    configure.accept(engineConfiguration(engine));
    answeringOneAtATime(engine);
    Path directory;
    try {
      directory = Files.createTempDirectory("zeebe-state-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ZeebeDb<ZbColumnFamilies> rocksDb = new ZeebeRocksDbFactory<ZbColumnFamilies>(new RocksDbConfiguration(),
        new ConsistencyChecksSettings(), new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
        SimpleMeterRegistry::new).createDb(directory.toFile());
    try {
      Object inMemory = field(engine, "database");
      replaceField(field(engine, "streamProcessor"), "zeebeDb", rocksDb);
      replaceField(engine, "database", rocksDb);
      ((AutoCloseable) inMemory).close();
    } catch (Exception e) {
      throw new IllegalStateException("ZPT internals changed: cannot give the engine a RocksDB state", e);
    }
    engine.start();
    ProcessTestEngine started = new ProcessTestEngine(engine);
    started.stateDirectory = directory;
    return started;
  }

  private static void replaceField(Object owner, String name, Object value) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    field.set(owner, value);
  }

  /**
   * How long the engine waits before its batch-operation scheduler and its usage-metrics check first run: longer
   * than any test, local stack, campaign or benchmark runs, so they never do.
   */
  static final Duration OFF = Duration.ofDays(365);

  /**
   * Zeebe 8.8 runs two scheduled tasks on an actor of their own, beside the stream processor: the batch-operation
   * scheduler (every second) and the usage-metrics check (every 5 minutes). On a broker both read RocksDB, which
   * allows that. ZPT's in-memory state does not: the scheduler's read copies a {@code TreeMap} the stream processor
   * is writing. Under sustained load this threw ConcurrentModificationExceptions in the scheduler, and at last a
   * NullPointerException killed the stream processor. The engine then answered nothing until it was restarted
   * (benchmark of 6 December 2026: every command after 00:37 ran into its deadline). Neither task has work here: no
   * batch operation is ever started (they are REST-only), and usage metrics go to no exporter. So both are
   * scheduled past the end of any run. The engine reads its configuration when its stream processor starts, so
   * this must be called between create and start.
   */
  static void withoutStateReadersBesideTheStreamProcessor(ZeebeTestEngine engine) {
    engineConfiguration(engine).setBatchOperationSchedulerInterval(OFF).setUsageMetricsExportInterval(OFF);
  }

  /** Every engine of the JVM sends its responses through {@link OneResponseAtATime}; set between create and start. */
  static void answeringOneAtATime(ZeebeTestEngine engine) {
    try {
      StreamProcessorContext context = (StreamProcessorContext) field(field(engine, "streamProcessor"),
          "streamProcessorContext");
      if (!(context.getCommandResponseWriter() instanceof OneResponseAtATime)) {
        context.commandResponseWriter(new OneResponseAtATime(context.getCommandResponseWriter()));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ZPT internals changed: cannot reach the engine's response writer", e);
    }
  }

  /** The response writer the engine's stream processor uses. */
  static CommandResponseWriter responseWriter(ZeebeTestEngine engine) throws ReflectiveOperationException {
    return ((StreamProcessorContext) field(field(engine, "streamProcessor"), "streamProcessorContext"))
        .getCommandResponseWriter();
  }

  /** The configuration of the engine's record processor (ZPT creates it with defaults and offers no setting). */
  static EngineConfiguration engineConfiguration(ZeebeTestEngine engine) {
    try {
      Object streamProcessor = field(engine, "streamProcessor");
      List<?> processors = (List<?>) field(streamProcessor, "recordProcessors");
      Object processor = processors.stream().filter(Engine.class::isInstance).findFirst()
          .orElseThrow(() -> new IllegalStateException("ZPT internals changed: no Zeebe engine among " + processors));
      return (EngineConfiguration) field(processor, "config");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ZPT internals changed: cannot reach the engine's configuration", e);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  /**
   * How many entries the engine's state holds, per column family ({@code ZbColumnFamilies}): what a broker would keep
   * in RocksDB and in every snapshot, and what ZPT copies on every prefix scan. Reads ZPT's in-memory state, which
   * is not safe beside the stream processor, so it waits for the engine to be idle first and reads again when the
   * state changed under it.
   */
  public Map<ZbColumnFamilies, Integer> stateEntries() {
    if (onRocksDb()) {
      throw new UnsupportedOperationException("counted for the in-memory state only");
    }
    ZbColumnFamilies[] families = ZbColumnFamilies.values();
    for (int attempt = 0; ; attempt++) {
      waitForIdle();
      try {
        Map<?, ?> entries = (Map<?, ?>) field(field(engine, "database"), "database");
        Map<ZbColumnFamilies, Integer> counts = new EnumMap<>(ZbColumnFamilies.class);
        for (Object key : List.copyOf(entries.keySet())) {
          byte[] bytes = (byte[]) field(key, "byteArray");
          long family = ByteBuffer.wrap(bytes, 0, Long.BYTES).order(ZeebeDbConstants.ZB_DB_BYTE_ORDER).getLong();
          counts.merge(families[(int) family], 1, Integer::sum);
        }
        return counts;
      } catch (ConcurrentModificationException stateChanged) {
        if (attempt == 10) {
          throw stateChanged;
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("ZPT internals changed: cannot read the engine's state", e);
      }
    }
  }

  /** From now on {@link #completeUserTask} also completes the task's completing-listener job, as no worker does. */
  public ProcessTestEngine playingTaskListeners() {
    playsTaskListeners = true;
    return this;
  }

  /**
   * From now on every {@code prioritize-task} listener job (the start of each user task) is completed as
   * {@code PrioritizeTaskWorker} would, with the deployed task-priority decision evaluated for the task's
   * kind and a NORMAL, non-urgent case ({@link #withCaseFact} changes that): process-path tests need no step
   * of their own for it.
   */
  public ProcessTestEngine playingTaskPriority() {
    playsTaskPriority = true;
    return this;
  }

  /** From now on the played {@code prioritize-task} listener sees this case fact (customerTier, urgent, …). */
  public ProcessTestEngine withCaseFact(String name, Object value) {
    taskPriorityFacts.put(name, value);
    return this;
  }

  /** The engine's clock (the wall clock plus what {@link #increaseTime} added). */
  public Instant now() {
    return Instant.now().plus(clockOffset);
  }

  public CamundaClient client() {
    return client;
  }

  public ZeebeTestEngine engine() {
    return engine;
  }

  public RecordStream records() {
    return records;
  }

  /**
   * A follower of the engine's log, for those that read it as it is written and decode only the records they need
   * (the local stack's user tasks, the benchmark's observation point): {@link #records} turns every record of the log
   * into an object first.
   */
  public LogFollower newLogFollower() {
    try {
      return new LogFollower(((LogStream) field(engine, "logStream")).newLogStreamReader());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ZPT internals changed: no logStream on " + engine.getClass(), e);
    }
  }

  public String gatewayAddress() {
    return engine.getGatewayAddress();
  }

  /** Deploys every BPMN, DMN and form of the project in one deployment, as the application does. */
  public ProcessTestEngine deployAllModels() {
    List<Path> files = modelFiles();
    assertThat(files).as("models under bpmn/ and forms/").isNotEmpty();
    DeployResourceCommandStep2 command = null;
    for (Path file : files) {
      command = command == null
          ? client.newDeployResourceCommand().addResourceFile(file.toString())
          : command.addResourceFile(file.toString());
    }
    // generous: the build machine is shared, and a busy engine answers a large deployment slowly
    command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    waitForIdle();
    return this;
  }

  /**
   * Deploys every model in one deployment, as the application does, with the content of some files edited
   * first (a process owner's change in the Modeler, keyed by file name, e.g. {@code return-eligibility.dmn}).
   */
  public DeploymentEvent deployAllModelsEdited(Map<String, UnaryOperator<String>> edits) {
    DeployResourceCommandStep2 command = null;
    for (Path file : modelFiles()) {
      String name = file.getFileName().toString();
      String content;
      try {
        content = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String edited = edits.getOrDefault(name, UnaryOperator.identity()).apply(content);
      if (edits.containsKey(name)) {
        assertThat(edited).as("the edit of %s changes it", name).isNotEqualTo(content);
      }
      command = command == null
          ? client.newDeployResourceCommand().addResourceStringUtf8(edited, name)
          : command.addResourceStringUtf8(edited, name);
    }
    DeploymentEvent deployment = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    waitForIdle();
    return deployment;
  }

  public void waitForIdle() {
    idle();
    while (playsTaskPriority && playPendingTaskPriorities()) {
      idle();
    }
  }

  private void idle() {
    try {
      engine.waitForIdleState(IDLE_TIMEOUT);
    } catch (Exception e) {
      throw new IllegalStateException("Engine did not become idle within " + IDLE_TIMEOUT, e);
    }
  }

  public void increaseTime(Duration duration) {
    engine.increaseTime(duration);
    clockOffset = clockOffset.plus(duration);
    waitForIdle();
  }

  private static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Completes the open {@code prioritize-task} jobs as the worker would; false when there were none. */
  private boolean playPendingTaskPriorities() {
    Set<Long> created = new HashSet<>();
    Set<Long> done = new HashSet<>();
    StreamSupport.stream(records.jobRecords().spliterator(), false).filter(r -> JobTypes.PRIORITIZE_TASK.equals(r.getValue().getType())).forEach(r -> {
      if (r.getIntent() == JobIntent.CREATED) {
        created.add(r.getKey());
      } else if (r.getIntent() == JobIntent.COMPLETED || r.getIntent() == JobIntent.CANCELED) {
        done.add(r.getKey());
      }
    });
    created.removeAll(done);
    if (created.isEmpty()) {
      return false;
    }
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(JobTypes.PRIORITIZE_TASK)
        .maxJobsToActivate(created.size()).timeout(Duration.ofMinutes(1)).send().join().getJobs();
    for (ActivatedJob job : jobs) {
      String kind = job.getCustomHeaders().get(Headers.TASK_KIND);
      // the listener's facts context (DecisionContext): the ones task-priority reads
      Map<String, Object> facts = new HashMap<>();
      facts.put("orderAmount", null);
      facts.put("channel", null);
      facts.put("reason", job.getVariablesAsMap().get("reason"));
      facts.putAll(taskPriorityFacts);
      String output = client.newEvaluateDecisionCommand().decisionId(ProcessIds.TASK_PRIORITY)
          .variables(Map.of("taskKind", kind, "facts", facts)).send().join().getDecisionOutput();
      TaskSla sla = TaskSla.decided(kind, parse(output), now());
      client.newCompleteCommand(job.getKey()).variables(Map.of(TaskSla.VARIABLE, sla)).send().join();
    }
    return !jobs.isEmpty();
  }

  /**
   * The jobs whose activation ran out (the worker they went to never answered within the job's timeout), for the
   * message of a test that waited in vain: such a job waits its timeout out before any worker gets it again.
   */
  public String jobsTimedOut() {
    List<String> timedOut = StreamSupport.stream(records.jobRecords().spliterator(), false)
        .filter(r -> r.getIntent() == JobIntent.TIMED_OUT)
        .map(r -> "%s %s of instance %d at %s".formatted(r.getValue().getType(), r.getKey(),
            r.getValue().getProcessInstanceKey(), Instant.ofEpochMilli(r.getTimestamp())))
        .toList();
    return "jobs of the engine that timed out: " + timedOut;
  }

  /** The process whose one job {@link #recurJobsStrandedInBackoff} fails with a backoff. */
  private static final String BACKOFF_CHECK = "engine-backoff-check";

  /**
   * Recurs the jobs the engine stranded in their backoff: the engine's own flaw (camunda/camunda#16884, "Failed jobs are
   * not activated again", open). Its backoff check sends {@code RECUR_AFTER_BACKOFF} for a job whose backoff ends at or
   * before the check's millisecond, its processor accepts it only for a backoff that ended before the millisecond it
   * processes it in, and when both fall in the same millisecond (the in-memory engine processes a command at once) the
   * command is rejected, the job stays failed with retries left, and no later check is planned until another job is
   * failed with a backoff. A merchant's busy cluster fails another job soon; a test may have no other. So this fails a
   * job of a process of its own with a backoff of 1 ms, as another failing job would: the engine plans its check
   * again, which recurs the stranded jobs too; the helper instance is cancelled once they recurred.
   *
   * @return the keys of the jobs it found stranded (rejected at least 2 s ago on the engine's clock); empty when none
   */
  public Set<Long> recurJobsStrandedInBackoff() {
    Set<Long> stranded = strandedInBackoff();
    if (stranded.isEmpty()) {
      return stranded;
    }
    System.err.printf("Recurring jobs the engine stranded in their backoff (camunda/camunda#16884): %s%n", stranded);
    client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess(BACKOFF_CHECK).startEvent()
            .serviceTask("check", t -> t.zeebeJobType(BACKOFF_CHECK)).endEvent().done(), BACKOFF_CHECK + ".bpmn")
        .send().join();
    long helper = client.newCreateInstanceCommand().bpmnProcessId(BACKOFF_CHECK).latestVersion().send().join()
        .getProcessInstanceKey();
    try {
      for (ActivatedJob job : client.newActivateJobsCommand().jobType(BACKOFF_CHECK).maxJobsToActivate(1)
          .requestTimeout(SETTLE_TIMEOUT).send().join().getJobs()) {
        client.newFailCommand(job.getKey()).retries(1).retryBackoff(Duration.ofMillis(1))
            .errorMessage("plans the engine's backoff check again (camunda/camunda#16884)").send().join();
      }
      Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
      while (stranded.stream().anyMatch(strandedInBackoff()::contains) && Instant.now().isBefore(deadline)) {
        pause();
      }
    } finally {
      client.newCancelInstanceCommand(helper).send().join();
    }
    return stranded;
  }

  /**
   * Looks for jobs stranded in their backoff every {@code interval} and recurs them ({@link
   * #recurJobsStrandedInBackoff}), until the engine is closed: for the local stack and the fault campaign, which run
   * the engine for long with nobody waiting on a step.
   */
  public ProcessTestEngine recurringStrandedJobsEvery(Duration interval) {
    ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
        .name("engine-backoff-check").factory());
    checks.scheduleWithFixedDelay(() -> {
      try {
        recurJobsStrandedInBackoff();
      } catch (RuntimeException e) {
        System.err.printf("Looking for jobs stranded in their backoff failed (tried again in %s): %s%n", interval, e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    strandedJobChecks = checks;
    return this;
  }

  /** The jobs whose latest record is a rejected {@code RECUR_AFTER_BACKOFF} at least 2 s old. */
  private Set<Long> strandedInBackoff() {
    Map<Long, Record<JobRecordValue>> latest = new HashMap<>();
    records.jobRecords().forEach(r -> latest.put(r.getKey(), r));
    Instant before = now().minusSeconds(2);
    Set<Long> stranded = new HashSet<>();
    latest.forEach((key, r) -> {
      if (r.getRecordType() == RecordType.COMMAND_REJECTION && r.getIntent() == JobIntent.RECUR_AFTER_BACKOFF
          && Instant.ofEpochMilli(r.getTimestamp()).isBefore(before)) {
        stranded.add(key);
      }
    });
    return stranded;
  }

  /** Activates the single job of this type (fails if there is none) and completes it with variables. */
  public ActivatedJob completeJob(String jobType, Map<String, ?> variables) {
    ActivatedJob job = activateJob(jobType);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    waitForIdle();
    return job;
  }

  public ActivatedJob activateJob(String jobType) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      waitForIdle();
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(1)).send().join().getJobs();
      if (!jobs.isEmpty() || Instant.now().isAfter(deadline)) {
        assertThat(jobs).as("an activatable job of type '%s'", jobType).hasSize(1);
        return jobs.get(0);
      }
      pause();
    }
  }

  /** The job of this type of this process instance (other instances may wait at a job of the same type). */
  public ActivatedJob activateJobOf(long processInstanceKey, String jobType) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      waitForIdle();
      Optional<ActivatedJob> job = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(10)
          .timeout(Duration.ofMinutes(1)).send().join().getJobs().stream()
          .filter(j -> j.getProcessInstanceKey() == processInstanceKey).findFirst();
      if (job.isPresent()) {
        return job.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + jobType + " job of instance " + processInstanceKey);
      }
      pause();
    }
  }

  /**
   * The in-memory engine may report idle while a command it just accepted is still on its way through the
   * stream processor (seen on a loaded 2-core CI machine): a job or task looked for right after is looked
   * for again, briefly, before the test fails. A job or task that never comes still fails the test.
   */
  private static void pause() {
    pause(Duration.ofMillis(50));
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void throwError(String jobType, String errorCode, String message) {
    ActivatedJob job = activateJob(jobType);
    client.newThrowErrorCommand(job.getKey()).errorCode(errorCode).errorMessage(message).send().join();
    waitForIdle();
  }

  /**
   * The user task currently open (created, not completed or canceled) at this element, in this process
   * instance or in an instance it called (a case's root instance finds the tasks of its call activities).
   */
  public Optional<UserTaskRecordValue> openUserTask(long processInstanceKey, String elementId) {
    waitForIdle();
    Set<Long> instances = processInstanceTree(processInstanceKey);
    List<Record<UserTaskRecordValue>> tasks = userTaskRecords()
        .filter(r -> instances.contains(r.getValue().getProcessInstanceKey()))
        .filter(r -> r.getValue().getElementId().equals(elementId))
        .toList();
    return tasks.stream()
        .filter(r -> r.getIntent() == UserTaskIntent.CREATED)
        .map(Record::getValue)
        .filter(created -> tasks.stream().noneMatch(r -> r.getValue().getUserTaskKey() == created.getUserTaskKey()
            && (r.getIntent() == UserTaskIntent.COMPLETED || r.getIntent() == UserTaskIntent.CANCELED)))
        .reduce((first, second) -> second);
  }

  /** This process instance and every instance it called, directly or through called instances. */
  public Set<Long> processInstanceTree(long processInstanceKey) {
    Map<Long, Long> parents = new HashMap<>();
    for (Record<ProcessInstanceRecordValue> r : records.processInstanceRecords()) {
      ProcessInstanceRecordValue value = r.getValue();
      if (value.getBpmnElementType() == BpmnElementType.PROCESS && value.getParentProcessInstanceKey() > 0) {
        parents.put(value.getProcessInstanceKey(), value.getParentProcessInstanceKey());
      }
    }
    Set<Long> tree = new HashSet<>(Set.of(processInstanceKey));
    boolean grown = true;
    while (grown) {
      grown = false;
      for (Map.Entry<Long, Long> child : parents.entrySet()) {
        grown |= tree.contains(child.getValue()) && tree.add(child.getKey());
      }
    }
    return tree;
  }

  /**
   * The latest instance of this process called by the given instance. (ZPT's
   * {@code extractingLatestCalledProcess()} takes the key of the child's latest record, which is the
   * instance key only once the child has completed.)
   */
  public long calledProcessInstanceKey(long processInstanceKey, String bpmnProcessId) {
    waitForIdle();
    return StreamSupport.stream(records.processInstanceRecords().spliterator(), false)
        .map(Record::getValue)
        .filter(v -> v.getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(v -> v.getParentProcessInstanceKey() == processInstanceKey)
        .filter(v -> v.getBpmnProcessId().equals(bpmnProcessId))
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError(
            "process instance " + processInstanceKey + " called no '" + bpmnProcessId + "'"));
  }

  public UserTaskRecordValue requireOpenUserTask(long processInstanceKey, String elementId) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    Optional<UserTaskRecordValue> task = openUserTask(processInstanceKey, elementId);
    while (task.isEmpty() && Instant.now().isBefore(deadline)) {
      pause();
      task = openUserTask(processInstanceKey, elementId);
    }
    return task.orElseThrow(() -> new AssertionError(
        "no open user task '" + elementId + "' in process instance " + processInstanceKey
            + " or the instances it called"));
  }

  /** Completes the open user task at this element as an agent would in Tasklist, with the form's data. */
  public void completeUserTask(long processInstanceKey, String elementId, Map<String, ?> formData) {
    UserTaskRecordValue task = requireOpenUserTask(processInstanceKey, elementId);
    writeUserTaskCommand(UserTaskIntent.COMPLETE, new UserTaskRecord()
        .setUserTaskKey(task.getUserTaskKey())
        .setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(formData)))
        .setAction("complete"));
    waitForIdle();
    if (playsTaskListeners) {
      try {
        completeJob(JobTypes.NOTE_TASK_COMPLETION, Map.of());
      } catch (AssertionError noListenerJob) {
        throw new AssertionError(("the completion of user task %d (%s) opened no completing-listener job; "
            + "the task's records: %s").formatted(task.getUserTaskKey(), elementId,
            userTaskHistory(task.getUserTaskKey())), noListenerJob);
      }
    }
  }

  /** What the engine recorded of one user task, in order: record type, intent and, for a rejection, why. */
  private List<String> userTaskHistory(long userTaskKey) {
    return userTaskRecords().filter(r -> r.getValue().getUserTaskKey() == userTaskKey)
        .map(r -> r.getRecordType() + " " + r.getIntent()
            + (r.getRecordType() == RecordType.COMMAND_REJECTION ? " (" + r.getRejectionReason() + ")" : ""))
        .toList();
  }

  /** Assigns the open user task at this element, as the REST gateway's assignment would. */
  public void assignUserTask(long processInstanceKey, String elementId, String assignee) {
    UserTaskRecordValue task = requireOpenUserTask(processInstanceKey, elementId);
    writeUserTaskCommand(UserTaskIntent.ASSIGN, new UserTaskRecord()
        .setUserTaskKey(task.getUserTaskKey())
        .setAssignee(assignee)
        .setAction("assign"));
    waitForIdle();
  }

  /**
   * Writes a user-task command (COMPLETE, ASSIGN, UPDATE) for {@code command.getUserTaskKey()} into the
   * engine's log, as the REST gateway does; the engine answers with events or a rejection in the log.
   */
  public void writeUserTaskCommand(UserTaskIntent intent, UserTaskRecord command) {
    writeCommand(command.getUserTaskKey(), command,
        new RecordMetadata().recordType(RecordType.COMMAND).valueType(ValueType.USER_TASK).intent(intent));
  }

  public Stream<Record<UserTaskRecordValue>> userTaskRecords() {
    return StreamSupport.stream(records.records().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.USER_TASK)
        .map(r -> {
          @SuppressWarnings("unchecked")
          Record<UserTaskRecordValue> task = (Record<UserTaskRecordValue>) r;
          return task;
        });
  }

  private void writeCommand(long key, UnifiedRecordValue value, RecordMetadata metadata) {
    try {
      Object writer = field(field(engine, "gateway"), "writer");
      Method write = writer.getClass().getDeclaredMethod(
          "writeCommandWithKey", Long.class, UnifiedRecordValue.class, RecordMetadata.class);
      write.setAccessible(true);
      write.invoke(writer, key, value, metadata);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ZPT internals changed: cannot write a user-task command", e);
    }
  }

  private static List<Path> modelFiles() {
    Path root = projectRoot();
    try (Stream<Path> bpmn = Files.walk(root.resolve("bpmn"));
        Stream<Path> forms = Files.exists(root.resolve("forms")) ? Files.walk(root.resolve("forms")) : Stream.empty()) {
      return Stream.concat(bpmn, forms)
          .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn") || p.toString().endsWith(".form"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tests run from the module directory (Maven's basedir). */
  public static Path projectRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (FormSamples.enabled()) {
      FormSamples.write(records.records(), projectRoot());
    }
    if (strandedJobChecks != null) {
      strandedJobChecks.shutdownNow();
    }
    client.close();
    engine.stop();
    BpmnAssert.resetRecordStream();
    if (stateDirectory != null) {
      try (Stream<Path> files = Files.walk(stateDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Whether the engine's state is RocksDB ({@link #startOnRocksDb}). */
  public boolean onRocksDb() {
    return stateDirectory != null;
  }

  Path stateDirectory() {
    return stateDirectory;
  }
}
