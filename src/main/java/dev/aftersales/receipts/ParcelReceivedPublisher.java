package dev.aftersales.receipts;

import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.process.Messages;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Tells the case's process that its parcel arrived. The message id is fixed per case, so publishing
 * again (a warehouse retrying) is recognised by the engine as the same message and correlated once.
 */
@Component
class ParcelReceivedPublisher {

  private static final Logger log = LoggerFactory.getLogger(ParcelReceivedPublisher.class);

  private final CamundaClient camunda;
  private final ReceiptProperties properties;

  ParcelReceivedPublisher(CamundaClient camunda, ReceiptProperties properties) {
    this.camunda = camunda;
    this.properties = properties;
  }

  static String messageId(String caseId) {
    return IdempotencyKeys.of(caseId, Messages.PARCEL_RECEIVED);
  }

  void publish(String caseId) {
    try {
      camunda.newPublishMessageCommand()
          .messageName(Messages.PARCEL_RECEIVED)
          .correlationKey(caseId)
          .messageId(messageId(caseId))
          .timeToLive(properties.messageTtl())
          .requestTimeout(properties.publishTimeout())
          .send()
          .join();
    } catch (RuntimeException e) {
      if (alreadyPublished(e)) {
        log.info("Parcel of case {} was already reported to its process", caseId);
        return;
      }
      log.warn("Could not publish {} for case {}: {}", Messages.PARCEL_RECEIVED, caseId, e.getMessage());
      throw engineUnavailable(caseId, e);
    }
  }

  /** The engine still holds a message with this id: the receipt reached the process before. */
  private static boolean alreadyPublished(RuntimeException e) {
    return e instanceof ClientStatusException grpc && grpc.getStatusCode() == Status.Code.ALREADY_EXISTS
        || e instanceof ClientHttpException http && http.code() == HttpStatus.CONFLICT.value();
  }

  private static ErrorResponseException engineUnavailable(String caseId, RuntimeException cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The receipt of case " + caseId + " is stored but the process engine did not take it; "
            + "send the same receipt again.");
    problem.setTitle("Process engine unavailable");
    return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
  }
}
