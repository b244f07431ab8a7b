package dev.aftersales.integration.notification;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Notifications to customers (and staff): the template decides the wording and channel. */
@Component
public class NotificationClient extends SystemClient {

  public static final Endpoint NOTIFICATIONS = Endpoint.post(SurroundingSystem.NOTIFICATIONS, "/notifications");

  public record Notification(String customerId, String template, Map<String, Object> params, String idempotencyKey)
      implements IdempotentRequest {}

  public NotificationClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.NOTIFICATIONS));
  }

  public Map<String, Object> deliver(Notification notification) {
    return sendForAcknowledgement(NOTIFICATIONS, notification);
  }
}
