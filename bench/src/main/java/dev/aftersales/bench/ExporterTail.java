package dev.aftersales.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Follows the broker's records through its OpenSearch exporter ({@code zeebe-record_*} indices) and
 * reports the same observation points as {@link EngineTail}, each at its record's broker
 * {@code timestamp} (mapped onto {@link System#nanoTime()}): how late the exporter and this poll see a
 * record does not change a latency. The lag does delay what the driver does on a record (the parcel on
 * the label, a new case at max load when one ends), for both variants alike; it is measured and reported.
 *
 * <p>Each poll reads, per partition, the position up to which the broker counts the exporter's records as
 * written ({@code zeebe_exporter_last_updated_exported_position} of its metrics: the position it may compact
 * the log to), refreshes the three indices (records become searchable only after a refresh) and asks for
 * the few records of interest between the previous such position and this one, in log order. A refresh
 * during a bulk write can expose some of the bulk's records before older ones of the same bulk (the
 * indices have several shards); reading only up to the acknowledged position never sees such a gap.
 */
final class ExporterTail implements AutoCloseable {

  private static final String INDICES = "zeebe-record_variable_*,zeebe-record_job_*,zeebe-record_process-instance_*";
  private static final String OPTIONS = "?ignore_unavailable=true&allow_no_indices=true";
  private static final Pattern EXPORTED = Pattern.compile(
      "^zeebe_exporter_last_updated_exported_position\\{exporter=\"opensearch\",partition=\"(\\d+)\",} (-?[0-9.E]+)$",
      Pattern.MULTILINE);
  private static final long POLL_PAUSE_MILLIS = 50;
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
  private static final String QUERY = """
      {"size": %d, "sort": [{"position": "asc"}],
       "_source": ["partitionId", "position", "timestamp", "valueType", "intent", "value.name", "value.value",
                   "value.scopeKey", "value.processInstanceKey", "value.parentProcessInstanceKey",
                   "value.bpmnElementType", "value.elementId"],
       "query": {"bool": {
         "filter": [{"term": {"partitionId": %d}}, {"range": {"position": {"gt": %d, "lte": %d}}},
                    {"term": {"recordType": "EVENT"}}],
         "should": [
           {"bool": {"filter": [{"term": {"valueType": "VARIABLE"}}, {"term": {"intent": "CREATED"}},
                                {"term": {"value.name": "%s"}}]}},
           {"bool": {"filter": [{"term": {"valueType": "JOB"}}, {"term": {"intent": "COMPLETED"}},
                                {"match_phrase": {"value.elementId": "%s"}}]}},
           {"bool": {"filter": [{"term": {"valueType": "PROCESS_INSTANCE"}},
                                {"terms": {"intent": ["ELEMENT_ACTIVATED", "ELEMENT_COMPLETED"]}},
                                {"term": {"value.bpmnElementType": "PROCESS"}}]}}],
         "minimum_should_match": 1}}}""";

  private static final int PAGE = 10_000;

  private final String openSearch;
  private final String brokerMetrics;
  private final BenchEngine.Listener listener;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  /** System.nanoTime() minus the epoch in nanoseconds: the broker runs on this machine's clock. */
  private final long nanoTimeOffset;
  private final Histogram lag = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
  /** Per partition: the position up to which records were reported. */
  private final Map<Integer, Long> reported = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ExporterTail(String openSearch, String brokerMetrics, BenchEngine.Listener listener) throws Exception {
    this.openSearch = openSearch;
    this.brokerMetrics = brokerMetrics;
    this.reported.putAll(exported()); // from now on
    this.listener = listener;
    long before = System.nanoTime();
    Instant now = Instant.now();
    long after = System.nanoTime();
    this.nanoTimeOffset = (before + after) / 2 - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
    this.thread = new Thread(this::follow, "exporter-tail");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** How long after its broker timestamp the driver saw a record, in ms (NaN before any). */
  double lagMillis(double percentile) {
    return lag.getTotalCount() == 0 ? Double.NaN : lag.getValueAtPercentile(percentile) / 1000.0;
  }

  private void follow() {
    long lastSuccess = System.nanoTime();
    boolean failing = false;
    while (running) {
      try {
        poll();
        lastSuccess = System.nanoTime();
        failing = false;
      } catch (Exception e) {
        if (!failing) {
          Bench.log("exporter tail: %s (retrying)", e);
          failing = true;
        }
        if (System.nanoTime() - lastSuccess > GIVE_UP_AFTER.toNanos()) {
          // without the records no case would ever be seen to end: say so loudly and stop the run
          Bench.log("exporter tail failed for %d s: %s", GIVE_UP_AFTER.toSeconds(), e);
          Bench.halt(3);
        }
      }
      try {
        Thread.sleep(POLL_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void poll() throws Exception {
    Map<Integer, Long> exported = exported(); // before the refresh: all of it is then searchable
    send("/" + INDICES + "/_refresh" + OPTIONS, "");
    for (Map.Entry<Integer, Long> partition : exported.entrySet()) {
      long from = reported.getOrDefault(partition.getKey(), -1L);
      if (partition.getValue() <= from) {
        continue;
      }
      JsonNode hits = json.readTree(send("/" + INDICES + "/_search" + OPTIONS, QUERY.formatted(PAGE,
          partition.getKey(), from, partition.getValue(), BenchEngine.ORDER_ID, BenchEngine.LABEL_ELEMENT)))
          .path("hits").path("hits");
      long seen = System.nanoTime();
      long last = partition.getValue();
      for (JsonNode hit : hits) {
        JsonNode record = hit.path("_source");
        long at = record.path("timestamp").asLong() * 1_000_000L + nanoTimeOffset;
        lag.recordValue(LoadPhase.micros(seen - at));
        report(record, at);
        last = record.path("position").asLong();
      }
      reported.put(partition.getKey(), hits.size() == PAGE ? last : partition.getValue()); // a full page: more next time
    }
  }

  /** Per partition, the position up to which the exporter's records are written (broker metrics). */
  private Map<Integer, Long> exported() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(brokerMetrics))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    Map<Integer, Long> positions = new HashMap<>();
    Matcher m = EXPORTED.matcher(response.body());
    while (m.find()) {
      positions.put(Integer.parseInt(m.group(1)), (long) Double.parseDouble(m.group(2)));
    }
    if (positions.isEmpty()) {
      throw new IllegalStateException("no zeebe_exporter_last_updated_exported_position of the opensearch exporter at "
          + brokerMetrics + " (HTTP " + response.statusCode() + ")");
    }
    return positions;
  }

  private void report(JsonNode record, long at) throws Exception {
    JsonNode value = record.path("value");
    long instance = value.path("processInstanceKey").asLong();
    switch (record.path("valueType").asText()) {
      case "VARIABLE" -> {
        if (value.path("scopeKey").asLong() == instance) {
          listener.started(instance, json.readValue(value.path("value").asText(), String.class));
        }
      }
      case "JOB" -> { // the job index maps elementId as text: the query's match is checked here
        if (BenchEngine.LABEL_ELEMENT.equals(value.path("elementId").asText())) {
          listener.labelCreated(instance, at);
        }
      }
      case "PROCESS_INSTANCE" -> {
        long parent = value.path("parentProcessInstanceKey").asLong();
        boolean activated = "ELEMENT_ACTIVATED".equals(record.path("intent").asText());
        if (activated && parent > 0) {
          listener.called(instance, parent);
        } else if (!activated && parent > 0) {
          listener.calledCompleted(instance);
        } else if (!activated) {
          listener.completed(instance, at);
        }
      }
      default -> throw new IllegalStateException("unexpected record " + record);
    }
  }

  private String send(String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(openSearch + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("OpenSearch answered " + response.statusCode() + " to " + path + ": "
          + response.body());
    }
    return response.body();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(2000);
  }
}
