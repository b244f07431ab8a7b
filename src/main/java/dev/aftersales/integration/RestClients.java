package dev.aftersales.integration;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds the HTTP client of each surrounding system with its base URL and timeouts. Clients call
 * {@link #forSystem} once, at construction.
 *
 * <p>A request with a body is written by a thread of its own while the calling thread waits for the answer
 * (Spring's {@link JdkClientHttpRequestFactory} streams the body to the JDK client). Those threads come from
 * one pool that keeps them for the next request ({@value #BODY_WRITER_NAME}N); without it Spring starts a new
 * thread for every request with a body, a few per case.
 */
@Component
public class RestClients implements AutoCloseable {

  static final String BODY_WRITER_NAME = "integration-body-";

  private final RestClient.Builder builder;
  private final IntegrationProperties properties;
  private final ExecutorService bodyWriters = Executors.newCachedThreadPool(bodyWriterThreads());

  public RestClients(RestClient.Builder builder, IntegrationProperties properties) {
    this.builder = builder;
    this.properties = properties;
  }

  public RestClient forSystem(SurroundingSystem system) {
    // HTTP/1.1: on plain http the JDK client would try an h2c upgrade with every request, and a server
    // that mishandles it (WireMock's Jetty does, for POSTs with a body) resets the stream.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http, bodyWriters);
    requests.setReadTimeout(properties.readTimeout());
    return builder.clone()
        .baseUrl(properties.baseUrlOf(system).toString())
        .requestFactory(requests)
        .build();
  }

  /** Lets the body writers go once the application stops; a request still being written finishes first. */
  @Override
  public void close() {
    bodyWriters.shutdown();
  }

  private static ThreadFactory bodyWriterThreads() {
    return Thread.ofPlatform().name(BODY_WRITER_NAME, 1).daemon(true).factory();
  }
}
