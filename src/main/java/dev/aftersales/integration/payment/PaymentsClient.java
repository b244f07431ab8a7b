package dev.aftersales.integration.payment;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

/** The payment provider: refunds to the original channel, reversal of instalment plans, payment requests. */
@Component
public class PaymentsClient extends SystemClient {

  public static final Endpoint REFUNDS = Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/refunds");
  public static final Endpoint INSTALLMENT_REVERSAL =
      Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/installment-plans/{planId}/reversal");
  public static final Endpoint PAYMENT_REQUESTS = Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/payment-requests");

  public record RefundRequest(String paymentId, BigDecimal amount, String currency, String idempotencyKey)
      implements IdempotentRequest {}

  public record RefundResponse(String refundId) {}

  public record InstallmentReversalRequest(BigDecimal amount, String idempotencyKey) implements IdempotentRequest {}

  /** Asks the customer to pay {@code amount} (e.g. the price difference of a dearer exchange). */
  public record PaymentRequest(String customerId, BigDecimal amount, String currency, String idempotencyKey)
      implements IdempotentRequest {}

  public record RequestedPayment(String paymentRequestId, String payUrl) {}

  public PaymentsClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.PAYMENTS));
  }

  /** Throws {@link RefundDeclinedException} when the provider refuses the refund (HTTP 422). */
  public RefundResponse refund(RefundRequest request) {
    return send(REFUNDS, request, RefundResponse.class);
  }

  public RequestedPayment requestPayment(PaymentRequest request) {
    return send(PAYMENT_REQUESTS, request, RequestedPayment.class);
  }

  public Map<String, Object> reverseInstallmentPlan(String planId, InstallmentReversalRequest request) {
    return sendForAcknowledgement(INSTALLMENT_REVERSAL, request, planId);
  }

  @Override
  protected RuntimeException businessAnswer(Endpoint endpoint, RestClientResponseException answer) {
    if (endpoint.equals(REFUNDS) && answer.getStatusCode().value() == HttpStatus.UNPROCESSABLE_ENTITY.value()) {
      return new RefundDeclinedException(answer.getResponseBodyAsString());
    }
    return null;
  }
}
