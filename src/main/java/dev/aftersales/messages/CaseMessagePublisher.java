package dev.aftersales.messages;

import dev.aftersales.integration.IdempotencyKeys;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The second half of store-then-publish: tells a case's process that something the API stored
 * happened (a parcel arrived, a difference was paid). The message id is fixed per case and message,
 * so publishing again (a client retrying) is recognised by the engine as the same message and
 * correlated once. When the engine does not take it, the client gets a 503 and sends the same request again.
 */
@Component
public class CaseMessagePublisher {

  private static final Logger log = LoggerFactory.getLogger(CaseMessagePublisher.class);

  private final CamundaClient camunda;
  private final ModelTimers timers;

  public CaseMessagePublisher(CamundaClient camunda, ModelTimers timers) {
    this.camunda = camunda;
    this.timers = timers;
  }

  /** {@code {caseId}:{messageName}}. */
  public static String messageId(String caseId, String messageName) {
    return IdempotencyKeys.of(caseId, messageName);
  }

  /**
   * @param what what the client sent, as the 503 names it ("receipt", "difference payment")
   */
  public void publish(String messageName, String caseId, MessagePublishing settings, String what) {
    publish(messageName, caseId, settings, what, Map.of());
  }

  /**
   * As {@link #publish(String, String, MessagePublishing, String)}, with variables for the instance the
   * message starts or reaches (ids and small facts only).
   */
  public void publish(String messageName, String caseId, MessagePublishing settings, String what,
      Map<String, Object> variables) {
    Duration ttl = settings.messageTtl() != null ? settings.messageTtl() : timers.waitFor(messageName)
        .orElseThrow(() -> new IllegalStateException("no model waits for " + messageName + " with a timer"));
    try {
      camunda.newPublishMessageCommand()
          .messageName(messageName)
          .correlationKey(caseId)
          .messageId(messageId(caseId, messageName))
          .timeToLive(ttl)
          .variables(variables)
          .requestTimeout(settings.publishTimeout())
          .send()
          .join();
    } catch (RuntimeException e) {
      if (alreadyPublished(e)) {
        log.info("{} of case {} was already published to its process", messageName, caseId);
        return;
      }
      log.warn("Could not publish {} for case {}: {}", messageName, caseId, e.getMessage());
      throw engineUnavailable(caseId, what, e);
    }
  }

  /** The engine still holds a message with this id: it reached the process before. */
  private static boolean alreadyPublished(RuntimeException e) {
    return e instanceof ClientStatusException grpc && grpc.getStatusCode() == Status.Code.ALREADY_EXISTS
        || e instanceof ClientHttpException http && http.code() == HttpStatus.CONFLICT.value();
  }

  private static ErrorResponseException engineUnavailable(String caseId, String what, RuntimeException cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The " + what + " of case " + caseId + " is stored but the process engine did not take it; "
            + "send the same " + what + " again.");
    problem.setTitle("Process engine unavailable");
    return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
  }
}
