package dev.aftersales.bench;

/**
 * The engine the benchmark runs on — where the application and the baseline's workers connect — and
 * where it reads its observation points from: the engine's own records, the same for both variants.
 * zeebe-process-test's engine in this JVM ({@link ZptEngine}).
 */
interface BenchEngine extends AutoCloseable {

  /** What the engine's records say about process instances; times are {@link System#nanoTime()} values. */
  interface Listener {
    void started(long processInstanceKey, String orderId);

    /** A process the case's instance called (the goods process): its records belong to the same case. */
    void called(long processInstanceKey, long parentProcessInstanceKey);

    /** The job of {@link #LABEL_ELEMENT} completed at {@code at}. */
    void labelCreated(long processInstanceKey, long at);

    /** The case's own (top-level) instance ended at {@code at}. */
    void completed(long processInstanceKey, long at);

    /** A called instance ended; its key will not be seen again. */
    void calledCompleted(long processInstanceKey);

    /**
     * Any record the engine wrote, e.g. {@code COMMAND JOB.COMPLETE}, with its length in the log: what the engine
     * worked on, for the phase's record counts.
     */
    void record(String kind, int bytes);
  }

  /** Where the generated part of docs/benchmarks.md for this engine goes, and its heading. */
  record Section(String begin, String end, String heading) {}

  String LABEL_ELEMENT = "ServiceTask_CreateReturnLabel";
  String ORDER_ID = "orderId";

  /** The gateway for the application's and the baseline's Camunda client, e.g. {@code http://localhost:26500}. */
  String grpcAddress();

  String restAddress();

  /** Starts reporting the engine's records from now on; closing the result stops it. */
  AutoCloseable follow(Listener listener);

  /**
   * What the engine holds in its state now, for the phase's log line: the entries in all, then the largest column
   * families (e.g. {@code 5120 entries: MESSAGES 900, ...}); null when not counted.
   */
  String stateSummary();

  /** The report's "engine" row. */
  String description();

  Section section();

  @Override
  void close();
}
