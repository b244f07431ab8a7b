package dev.aftersales.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The driver's HTTP client: Apache HttpClient's classic client, each call on a thread of the driver's own that waits
 * for the answer on its socket. The JDK's client it replaces (7 December 2026) handed every call across three threads
 * (the caller, its selector, its executor), which cost the driver 6–12 ms of CPU per product case on the two cores the
 * product runs on, and put those hand-offs into the intake's measured latency (docs/benchmarks.md). The threads are
 * named {@code bench-http-N}, so the CPU meter charges them to the driver.
 */
final class DriverHttp implements AutoCloseable {

  /** A status and a body. */
  record Answer(int status, String body) {}

  private final CloseableHttpClient client;
  private final ExecutorService calls;

  DriverHttp() {
    Timeout thirtySeconds = Timeout.ofSeconds(30);
    this.client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(256)
            .setMaxConnPerRoute(128)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(thirtySeconds)
                .setSocketTimeout(thirtySeconds).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(thirtySeconds).build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression().disableCookieManagement()
        .build();
    AtomicInteger threads = new AtomicInteger();
    this.calls = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "bench-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A POST of a JSON body, on one of the driver's threads. */
  CompletableFuture<Answer> postAsync(String url, String auth, String body) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return post(url, auth, body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, calls);
  }

  /** A POST of a JSON body, on the calling thread. */
  Answer post(String url, String auth, String body) throws IOException {
    HttpPost post = new HttpPost(url);
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    return execute(post, auth);
  }

  /** A GET, on the calling thread. */
  Answer get(String url, String auth) throws IOException {
    return execute(new HttpGet(url), auth);
  }

  private Answer execute(HttpUriRequestBase request, String auth) throws IOException {
    request.setHeader("Authorization", auth);
    return client.execute(request, response -> new Answer(response.getCode(),
        response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
  }

  @Override
  public void close() throws IOException {
    calls.shutdownNow();
    client.close();
  }
}
