package dev.aftersales.integration.oms;

import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** The order platform's read side: what was ordered, paid and delivered. */
@Component
public class OmsClient {

  private final RestClient http;

  public OmsClient(RestClients clients) {
    this.http = clients.forSystem(SurroundingSystem.OMS);
  }

  /**
   * The order, or empty when OMS does not know it (404). Any other failure — unreachable, timeout,
   * a 5xx or an unreadable answer — is technical: {@link ExternalSystemException}.
   */
  public Optional<OmsOrder> findOrder(String orderId) {
    String call = "GET /oms/orders/" + orderId;
    try {
      return Optional.ofNullable(http.get().uri("/oms/orders/{orderId}", orderId).retrieve().body(OmsOrder.class));
    } catch (HttpClientErrorException.NotFound e) {
      return Optional.empty();
    } catch (RestClientResponseException e) {
      throw new ExternalSystemException(SurroundingSystem.OMS, call,
          "answered " + e.getStatusCode().value() + " " + statusText(e), e);
    } catch (RestClientException e) {
      throw new ExternalSystemException(SurroundingSystem.OMS, call, e.getMessage(), e);
    }
  }

  private static String statusText(RestClientResponseException e) {
    HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
    return status != null ? status.getReasonPhrase() : e.getStatusText();
  }
}
