package dev.aftersales.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds the HTTP client of each surrounding system with its base URL and timeouts. Clients call
 * {@link #forSystem} once, at construction.
 *
 * <p>A call is made on the calling thread, start to end: Apache HttpClient's classic (blocking) client writes the
 * request, body included, and reads the answer on the worker's or the request's own thread, over a connection kept
 * for the next call ({@link #CONNECTIONS_PER_SYSTEM} per system). The JDK's client, used until 7 December 2026,
 * handed each call to three threads (one writing the body, its selector, one completing the answer) and back: in the
 * benchmark a sixth of the intake's calls to OMS waited over 10 ms for those threads on a busy machine
 * (docs/benchmarks.md). The client neither retries nor follows redirects by itself: what a failed call means is the
 * caller's to decide ({@link SystemClient}, idempotency keys).
 */
@Component
public class RestClients implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestClients.class);

  /** Connections kept open to one system: the worker threads, the API's requests and the retries share them. */
  static final int CONNECTIONS_PER_SYSTEM = 32;

  private final RestClient.Builder builder;
  private final IntegrationProperties properties;
  private final List<CloseableHttpClient> clients = new CopyOnWriteArrayList<>();

  public RestClients(RestClient.Builder builder, IntegrationProperties properties) {
    this.builder = builder;
    this.properties = properties;
  }

  public RestClient forSystem(SurroundingSystem system) {
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(CONNECTIONS_PER_SYSTEM)
        .setMaxConnPerRoute(CONNECTIONS_PER_SYSTEM)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(properties.connectTimeout()))
            .setSocketTimeout(Timeout.of(properties.readTimeout()))
            // a connection the system closed while it was idle is found out before it is used
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build())
        .build();
    CloseableHttpClient http = HttpClients.custom()
        .setConnectionManager(connections)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        // the systems' APIs are stateless and answer small JSON bodies: no cookie is kept from one case's call for
        // the next one's, and no answer is asked for compressed (decompressing streams cost more than they saved)
        .disableCookieManagement()
        .disableContentCompression()
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .build();
    clients.add(http);
    HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(http);
    requests.setConnectionRequestTimeout(properties.connectTimeout());
    requests.setReadTimeout(properties.readTimeout());
    return builder.clone()
        .baseUrl(properties.baseUrlOf(system).toString())
        .requestFactory(requests)
        .build();
  }

  /** Closes the connections once the application stops; a call still running finishes first. */
  @Override
  public void close() {
    for (CloseableHttpClient http : clients) {
      try {
        http.close(CloseMode.GRACEFUL);
      } catch (RuntimeException e) {
        log.debug("HTTP client not closed cleanly: {}", e.getMessage());
      }
    }
  }
}
