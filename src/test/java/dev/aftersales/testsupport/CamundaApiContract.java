package dev.aftersales.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestListener;
import com.github.tomakehurst.wiremock.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Camunda's own description of the Orchestration Cluster REST API ({@code rest-api.yaml} of
 * {@code io.camunda:zeebe-gateway-protocol}) as a contract: every request the product sends to the
 * engine's {@code /v2} API on WireMock, and every answer a test stubbed for it, is checked against it.
 * The WireMock of the tests listens with {@link #listener()}; a test ends with {@link #assertKept()}.
 */
public final class CamundaApiContract {

  static final String API = "/v2/";
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForInlineApiSpecification(read("rest-api.yaml"))
      .withBasePathOverride("/v2")
      // The description builds most schemas with allOf; resolved into one schema each, the validator
      // checks them as Camunda means them instead of refusing every property of the parts.
      .withResolveCombinators(true)
      .build();
  private static final List<String> violations = new ArrayList<>();
  private static int checked;

  private CamundaApiContract() {}

  /** Checks one exchange; the problems, empty when it keeps the contract. */
  public static List<String> check(String method, String path, Map<String, String> query, String contentType,
      String requestBody, int status, String responseContentType, String responseBody) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (responseBody != null && !responseBody.isEmpty()) {
      response.withBody(responseBody).withContentType(responseContentType);
    }
    ValidationReport report = VALIDATOR.validate(request(method, path, query, contentType, requestBody),
        response.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> "%s %s → %d: %s".formatted(method, path, status, m.getMessage()))
        .toList();
  }

  /** Checks a request alone; the problems, empty when it keeps the contract. */
  public static List<String> checkRequest(String method, String path, Map<String, String> query, String contentType,
      String requestBody) {
    ValidationReport report = VALIDATOR.validateRequest(request(method, path, query, contentType, requestBody));
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> "%s %s: %s".formatted(method, path, m.getMessage()))
        .toList();
  }

  private static SimpleRequest request(String method, String path, Map<String, String> query, String contentType,
      String requestBody) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    query.forEach(request::withQueryParam);
    if (requestBody != null && !requestBody.isEmpty()) {
      request.withBody(requestBody).withContentType(contentType == null ? "application/json" : contentType);
    }
    return request.build();
  }

  /** Records the problems of every {@code /v2} exchange WireMock answers. */
  public static RequestListener listener() {
    return CamundaApiContract::received;
  }

  private static void received(Request request, Response response) {
    String path = URI.create(request.getUrl()).getPath();
    if (!path.startsWith(API)) {
      return;
    }
    Map<String, String> query = new java.util.LinkedHashMap<>();
    URI uri = URI.create(request.getUrl());
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        QueryParameter parameter = request.queryParameter(kv[0]);
        query.put(kv[0], parameter.isPresent() ? parameter.firstValue() : "");
      }
    }
    HttpHeader responseType = response.getHeaders().getHeader("Content-Type");
    String contentType = request.contentTypeHeader().isPresent() ? request.contentTypeHeader().mimeTypePart() : null;
    // No stub matched (a test that does not care about tasks): WireMock's own 404 is no answer of
    // Camunda's, but the request the product sent is still checked.
    List<String> problems = response.wasConfigured()
        ? check(request.getMethod().getName(), path, query, contentType, request.getBodyAsString(),
            response.getStatus(), responseType.isPresent() ? responseType.firstValue() : "application/json",
            response.getBodyAsString())
        : checkRequest(request.getMethod().getName(), path, query, contentType, request.getBodyAsString());
    synchronized (violations) {
      checked++;
      violations.addAll(problems);
    }
  }

  /** Fails when an exchange since the last call broke the contract; returns how many were checked. */
  public static int assertKept() {
    synchronized (violations) {
      List<String> found = List.copyOf(violations);
      int count = checked;
      violations.clear();
      checked = 0;
      if (!found.isEmpty()) {
        throw new AssertionError("Camunda REST exchanges that break rest-api.yaml:\n" + String.join("\n", found));
      }
      return count;
    }
  }

  private static String read(String resource) {
    try (InputStream in = CamundaApiContract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test classpath (io.camunda:zeebe-gateway-protocol)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
