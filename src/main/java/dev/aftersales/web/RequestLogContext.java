package dev.aftersales.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The log context (MDC) of an API request: a request id (the client's {@code X-Request-Id} or a new
 * one) and the case id when the path names one; a service that opens a case adds its id with
 * {@link #caseId}. Cleared after the request, the thread serves others next.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogContext extends OncePerRequestFilter {

  public static final String REQUEST_ID = "requestId";
  public static final String CASE_ID = "caseId";

  private static final Pattern CASE_IN_PATH = Pattern.compile("^" + ApiPaths.CASES + "/([^/]{1,64})");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Names the case the current request works on from here on. */
  public static void caseId(String caseId) {
    MDC.put(CASE_ID, caseId);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader("X-Request-Id");
    // Only a well-formed id enters the logs: a header is input, and a log line is no place for it raw.
    MDC.put(REQUEST_ID, given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString());
    Matcher caseInPath = CASE_IN_PATH.matcher(request.getRequestURI());
    if (caseInPath.find() && SAFE_ID.matcher(caseInPath.group(1)).matches()) {
      MDC.put(CASE_ID, caseInPath.group(1));
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(REQUEST_ID);
      MDC.remove(CASE_ID);
    }
  }
}
