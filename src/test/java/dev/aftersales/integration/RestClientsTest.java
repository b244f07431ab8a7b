package dev.aftersales.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * A call to a surrounding system is made on the calling thread, body and answer, over connections kept for the next
 * call: no thread is started or handed the call; it carries no cookie from an earlier call and asks for no compressed
 * answer ({@link RestClients}).
 */
class RestClientsTest {

  private static WireMockServer notifications;

  @BeforeAll
  static void start() {
    notifications = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    notifications.start();
    notifications.stubFor(post("/notifications").willReturn(ok()));
    notifications.stubFor(post("/deliveries").willReturn(ok()));
    notifications.stubFor(post("/sessions").willReturn(ok().withHeader("Set-Cookie", "session=case-1; Path=/")));
  }

  @AfterAll
  static void stop() {
    notifications.stop();
  }

  /** A request body that notes which thread turns it into JSON. */
  static final class Body {
    static final Set<String> writtenBy = ConcurrentHashMap.newKeySet();
    private final int number;

    Body(int number) {
      this.number = number;
    }

    @JsonProperty("number")
    int number() {
      writtenBy.add(Thread.currentThread().getName());
      return number;
    }
  }

  @Test
  void aCallWritesItsBodyOnTheCallingThreadOverAKeptConnection() {
    IntegrationProperties properties = new IntegrationProperties(URI.create("http://localhost:1"),
        Map.of(SurroundingSystem.NOTIFICATIONS.key(), URI.create(notifications.baseUrl())), Duration.ofSeconds(2),
        Duration.ofSeconds(10));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int requests = 60;
    try (RestClients clients = new RestClients(RestClient.builder(), properties)) {
      RestClient client = clients.forSystem(SurroundingSystem.NOTIFICATIONS);
      client.post().uri("/notifications").body(new Body(0)).retrieve().toBodilessEntity(); // the client's own threads
      long startedBefore = threads.getTotalStartedThreadCount();

      for (int i = 1; i <= requests; i++) {
        client.post().uri("/notifications").body(new Body(i)).retrieve().toBodilessEntity();
      }

      long started = threads.getTotalStartedThreadCount() - startedBefore;
      assertThat(started).as("threads started for %d requests with a body", requests).isLessThan(3);
    }
    notifications.verify(requests + 1, postRequestedFor(urlEqualTo("/notifications")));
    notifications.verify(postRequestedFor(urlEqualTo("/notifications")).withRequestBody(equalToJson("{\"number\":60}")));
    assertThat(Body.writtenBy).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void aCallCarriesNoCookieOfAnEarlierCallAndAsksForNoCompressedAnswer() {
    IntegrationProperties properties = new IntegrationProperties(URI.create("http://localhost:1"),
        Map.of(SurroundingSystem.NOTIFICATIONS.key(), URI.create(notifications.baseUrl())), Duration.ofSeconds(2),
        Duration.ofSeconds(10));
    try (RestClients clients = new RestClients(RestClient.builder(), properties)) {
      RestClient client = clients.forSystem(SurroundingSystem.NOTIFICATIONS);
      client.post().uri("/sessions").body(new Body(1)).retrieve().toBodilessEntity(); // answers with a cookie

      client.post().uri("/deliveries").body(new Body(2)).retrieve().toBodilessEntity();
    }
    notifications.verify(postRequestedFor(urlEqualTo("/deliveries")).withoutHeader("Cookie")
        .withoutHeader("Accept-Encoding"));
  }
}
