package dev.aftersales.tasks;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Camunda Tasklist is and how the application logs in to its v1 REST API. Without a
 * {@code baseUrl} there is no Tasklist: the case view answers {@code tasks: null} and the workers
 * escalate and record without it. Credentials come from the environment
 * ({@code AFTERSALES_TASKLIST_USERNAME}, {@code AFTERSALES_TASKLIST_PASSWORD}); only the local
 * profile names the demo login.
 *
 * @param baseUrl Tasklist's root, e.g. {@code http://localhost:8082} (the UI is under {@code /tasklist})
 * @param username a Tasklist user allowed to read all tasks
 * @param password its password
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for an answer; the case view waits at most this long for its tasks
 * @param pageSize tasks fetched per search (a case has a handful)
 * @param completionLookupAttempts how often {@code record-agent-decision} looks for the completed task
 *     before it records the decision without assignee: Tasklist may not show the completion yet
 * @param completionLookupInterval pause between two of those looks
 */
@ConfigurationProperties("aftersales.tasklist")
public record TasklistProperties(
    URI baseUrl,
    String username,
    String password,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout,
    @DefaultValue("50") int pageSize,
    @DefaultValue("3") int completionLookupAttempts,
    @DefaultValue("1s") Duration completionLookupInterval) {

  public boolean configured() {
    return baseUrl != null && !baseUrl.toString().isBlank();
  }
}
