package dev.aftersales.integration;

import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds the HTTP client of each surrounding system with its base URL and timeouts. Clients call
 * {@link #forSystem} once, at construction.
 */
@Component
public class RestClients {

  private final RestClient.Builder builder;
  private final IntegrationProperties properties;

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
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.readTimeout());
    return builder.clone()
        .baseUrl(properties.baseUrlOf(system).toString())
        .requestFactory(requests)
        .build();
  }
}
