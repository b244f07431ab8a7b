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
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.readTimeout());
    return builder.clone()
        .baseUrl(properties.baseUrlOf(system).toString())
        .requestFactory(requests)
        .build();
  }
}
