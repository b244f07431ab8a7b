package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every line written while serving a request names the request, and the case when the path names one. */
class RequestLogContextTest {

  private final RequestLogContext filter = new RequestLogContext();

  @Test
  void aCaseRequestHasItsCaseIdAndTheClientsRequestIdInTheLogContext() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/after-sales/cases/c-7f3a/timeline");
    request.addHeader("X-Request-Id", "req-123");
    Map<String, String> seen = new HashMap<>();

    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.putAll(MDC.getCopyOfContextMap()));

    assertThat(seen).containsEntry(RequestLogContext.CASE_ID, "c-7f3a")
        .containsEntry(RequestLogContext.REQUEST_ID, "req-123");
    assertThat(MDC.get(RequestLogContext.CASE_ID)).isNull();
    assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
  }

  @Test
  void aMalformedRequestIdIsReplacedAndAnIntakeNamesTheCaseItOpens() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", ApiPaths.REQUESTS);
    request.addHeader("X-Request-Id", "x\nforged log line");
    Map<String, String> seen = new HashMap<>();

    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
      RequestLogContext.caseId("case-opened-here");
      seen.putAll(MDC.getCopyOfContextMap());
    });

    assertThat(seen.get(RequestLogContext.REQUEST_ID)).doesNotContain("\n").hasSize(36);
    assertThat(seen).containsEntry(RequestLogContext.CASE_ID, "case-opened-here");
    assertThat(MDC.get(RequestLogContext.CASE_ID)).isNull();
  }
}
