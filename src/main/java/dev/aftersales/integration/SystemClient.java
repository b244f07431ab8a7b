package dev.aftersales.integration;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Base of the clients of the surrounding systems: sends the idempotency key twice (body and header)
 * and turns every technical failure (connection, timeout, 5xx, an answer we cannot read) into an
 * {@link ExternalSystemException} naming system and call. A 4xx is a technical failure too unless
 * the client declares it a business answer in {@link #businessAnswer}; a 409 says the request with
 * this key is still in progress ({@link RequestInProgressException}).
 */
public abstract class SystemClient {

  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private static final ParameterizedTypeReference<Map<String, Object>> ANY_JSON = new ParameterizedTypeReference<>() {};

  private final RestClient rest;

  protected SystemClient(RestClient rest) {
    this.rest = rest;
  }

  /** An idempotent write that answers with a body of this type. */
  protected <T> T send(Endpoint endpoint, IdempotentRequest request, Class<T> answer, Object... uriVariables) {
    return required(endpoint, exchange(endpoint, () -> post(endpoint, request, uriVariables).body(answer)));
  }

  /** An idempotent write whose answer is only an acknowledgement (any JSON, or none). */
  protected Map<String, Object> sendForAcknowledgement(Endpoint endpoint, IdempotentRequest request, Object... uriVariables) {
    Map<String, Object> body = exchange(endpoint, () -> post(endpoint, request, uriVariables).body(ANY_JSON));
    return body == null ? Map.of() : body;
  }

  /** A POST that changes nothing on the other side (e.g. OCR), so it carries no idempotency key. */
  protected <T> T query(Endpoint endpoint, Object request, Class<T> answer) {
    return required(endpoint, exchange(endpoint, () -> rest.post().uri(endpoint.path())
        .contentType(MediaType.APPLICATION_JSON).body(request).retrieve().body(answer)));
  }

  protected <T> T fetch(Endpoint endpoint, Class<T> answer, Object... uriVariables) {
    return required(endpoint, exchange(endpoint, () -> rest.get().uri(endpoint.path(), uriVariables)
        .retrieve().body(answer)));
  }

  /** A read whose 404 is an answer — the other system does not know the thing — rather than a failure. */
  protected <T> Optional<T> fetchIfKnown(Endpoint endpoint, Class<T> answer, Object... uriVariables) {
    return exchange(endpoint, () -> {
      try {
        return Optional.of(required(endpoint, rest.get().uri(endpoint.path(), uriVariables).retrieve().body(answer)));
      } catch (HttpClientErrorException.NotFound unknown) {
        return Optional.empty();
      }
    });
  }

  /**
   * A 4xx that is the other system's business answer (not a defect of the request) becomes this
   * exception; {@code null} (the default) makes every 4xx a technical failure.
   */
  protected RuntimeException businessAnswer(Endpoint endpoint, RestClientResponseException answer) {
    return null;
  }

  private RestClient.ResponseSpec post(Endpoint endpoint, IdempotentRequest request, Object... uriVariables) {
    return rest.post().uri(endpoint.path(), uriVariables)
        .header(IDEMPOTENCY_KEY_HEADER, request.idempotencyKey())
        .contentType(MediaType.APPLICATION_JSON)
        .body(request)
        .retrieve();
  }

  private <T> T exchange(Endpoint endpoint, Supplier<T> call) {
    try {
      return call.get();
    } catch (HttpClientErrorException e) {
      RuntimeException business = businessAnswer(endpoint, e);
      if (business != null) {
        throw business;
      }
      if (e.getStatusCode().value() == HttpStatus.CONFLICT.value()) {
        throw new RequestInProgressException(endpoint.system(), endpoint.call(),
            "is still processing a request with the same idempotency key (HTTP 409)", e);
      }
      throw failed(endpoint, "refused the request with HTTP " + e.getStatusCode().value() + " " + body(e), e);
    } catch (HttpServerErrorException e) {
      throw failed(endpoint, "answered HTTP " + e.getStatusCode().value(), e);
    } catch (ResourceAccessException e) {
      throw failed(endpoint, "not reachable (" + e.getMostSpecificCause() + ")", e);
    } catch (RestClientException e) {
      throw failed(endpoint, "unreadable answer (" + e.getMessage() + ")", e);
    }
  }

  private static <T> T required(Endpoint endpoint, T body) {
    if (body == null) {
      throw failed(endpoint, "answered without a body", null);
    }
    return body;
  }

  private static ExternalSystemException failed(Endpoint endpoint, String problem, Throwable cause) {
    return new ExternalSystemException(endpoint.system(), endpoint.call(), problem, cause);
  }

  private static String body(RestClientResponseException e) {
    String body = e.getResponseBodyAsString();
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
