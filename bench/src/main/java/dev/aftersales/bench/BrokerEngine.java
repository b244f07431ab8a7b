package dev.aftersales.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The Camunda 8.6 broker of the local stack ({@code deploy/local/stack up --without-app}), on the
 * stack's ports (the same environment variables as {@code deploy/local/stack}); its records are read
 * from the stack's OpenSearch exporter ({@link ExporterTail}).
 */
final class BrokerEngine implements BenchEngine {

  private static final Section SECTION = new Section(
      "<!-- bench/run.sh --engine stack writes from here to the end marker; edit outside it -->",
      "<!-- end of bench/run.sh --engine stack output -->",
      "### Latest run on the broker");

  private final String grpcAddress = "http://localhost:" + port("ZEEBE_GRPC_PORT", 26500);
  private final String restAddress = "http://localhost:" + port("ZEEBE_REST_PORT", 8080);
  private final String openSearch = "http://localhost:" + port("OPENSEARCH_PORT", 9200);
  private final String metrics = "http://localhost:" + port("ZEEBE_MONITORING_PORT", 9600) + "/actuator/prometheus";
  private ExporterTail tail;

  private BrokerEngine() {}

  /** Fails with what to do when the stack's broker or OpenSearch does not answer. */
  static BrokerEngine connect() {
    BrokerEngine engine = new BrokerEngine();
    engine.require(engine.restAddress + "/v2/topology", "\"role\":\"leader\",\"health\":\"healthy\"", "the broker");
    engine.require(engine.openSearch + "/_cluster/health", "\"status\"", "OpenSearch");
    engine.require(engine.metrics, "zeebe_exporter_last_updated_exported_position", "the broker's metrics");
    return engine;
  }

  private void require(String url, String expected, String what) {
    String body;
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      body = response.statusCode() == 200 ? response.body().replace(" ", "") : "HTTP " + response.statusCode();
    } catch (Exception e) {
      body = e.toString();
    }
    if (!body.contains(expected)) {
      throw new IllegalStateException("--engine stack: " + what + " of the local stack does not answer at " + url
          + " (" + body.lines().findFirst().orElse("") + "); start it with deploy/local/stack up --without-app");
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  @Override
  public String grpcAddress() {
    return grpcAddress;
  }

  @Override
  public String restAddress() {
    return restAddress;
  }

  @Override
  public AutoCloseable follow(Listener listener) {
    try {
      tail = new ExporterTail(openSearch, metrics, listener);
    } catch (Exception e) {
      throw new IllegalStateException("cannot follow the broker's records", e);
    }
    return tail;
  }

  @Override
  public String description() {
    String lag = tail == null ? "" : String.format(Locale.ROOT,
        "; records seen by the driver p50 / p99 %.0f / %.0f ms after their broker timestamp", tail.lagMillis(50),
        tail.lagMillis(99));
    return "Camunda 8.6.0 broker of the local stack (1 partition, 1 CPU + 1 IO thread, RocksDB), gateway "
        + grpcAddress + "; observation points from its OpenSearch exporter's records by broker timestamp" + lag;
  }

  @Override
  public Section section() {
    return SECTION;
  }

  @Override
  public void close() {
    // the stack is not ours: deploy/local/stack down stops it
  }
}
