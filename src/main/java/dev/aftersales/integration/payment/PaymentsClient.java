package dev.aftersales.integration.payment;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.IdempotentRequest;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

/**
 * The payment provider: refunds to the original channel (and the look-up of a refund by its key),
 * reversal of instalment plans, payment requests and the look-up of a payment.
 */
@Component
public class PaymentsClient extends SystemClient {

  public static final Endpoint REFUNDS = Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/refunds");
  public static final Endpoint INSTALLMENT_REVERSAL =
      Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/installment-plans/{planId}/reversal");
  public static final Endpoint PAYMENT_REQUESTS = Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/payment-requests");
  public static final Endpoint PAYMENT_REQUEST_CANCELLATION =
      Endpoint.post(SurroundingSystem.PAYMENTS, "/payments/payment-requests/{requestId}/cancellation");
  /** The refund made with an idempotency key, if any: reconciles a retried refund the provider refuses. */
  public static final Endpoint REFUND_BY_KEY =
      Endpoint.get(SurroundingSystem.PAYMENTS, "/payments/refunds?idempotencyKey={idempotencyKey}");
  /** A payment as the provider knows it (a difference payment a channel reports). */
  public static final Endpoint PAYMENT = Endpoint.get(SurroundingSystem.PAYMENTS, "/payments/{paymentId}");

  public record RefundRequest(String paymentId, BigDecimal amount, String currency, String idempotencyKey)
      implements IdempotentRequest {}

  public record RefundResponse(String refundId) {}

  /** A refund the provider made, found by its idempotency key. */
  public record FoundRefund(String refundId, BigDecimal amount, String status, String idempotencyKey) {}

  /** A payment: {@code status} SUCCEEDED when the money arrived; {@code amount} what was paid, CNY. */
  public record Payment(String paymentId, String status, BigDecimal amount) {

    public static final String SUCCEEDED = "SUCCEEDED";

    public boolean succeeded() {
      return SUCCEEDED.equals(status);
    }
  }

  public record PaymentRequestCancellation(String idempotencyKey) implements IdempotentRequest {}

  public static final String CURRENCY = "CNY";

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

  /** The refund made with this key, if the provider made one. */
  public Optional<FoundRefund> findRefund(String idempotencyKey) {
    return fetchIfKnown(REFUND_BY_KEY, FoundRefund.class, idempotencyKey);
  }

  /** The payment, if the provider knows it. */
  public Optional<Payment> findPayment(String paymentId) {
    return fetchIfKnown(PAYMENT, Payment.class, paymentId);
  }

  public Map<String, Object> cancelPaymentRequest(String requestId, PaymentRequestCancellation request) {
    return sendForAcknowledgement(PAYMENT_REQUEST_CANCELLATION, request, requestId);
  }

  public Map<String, Object> reverseInstallmentPlan(String planId, InstallmentReversalRequest request) {
    return sendForAcknowledgement(INSTALLMENT_REVERSAL, request, planId);
  }

  /**
   * A payment request that can no longer be cancelled (409 or 422: it was paid or closed meanwhile)
   * is an answer, not a failure: the payment, if any, is handled as one after the window.
   */
  public static final class RequestNotCancellable extends RuntimeException {
    public RequestNotCancellable(String providerAnswer) {
      super("Payments did not cancel the payment request: " + providerAnswer);
    }
  }

  @Override
  protected RuntimeException businessAnswer(Endpoint endpoint, RestClientResponseException answer) {
    int status = answer.getStatusCode().value();
    if (endpoint.equals(REFUNDS) && status == HttpStatus.UNPROCESSABLE_ENTITY.value()) {
      return new RefundDeclinedException(answer.getResponseBodyAsString());
    }
    if (endpoint.equals(PAYMENT_REQUEST_CANCELLATION)
        && (status == HttpStatus.CONFLICT.value() || status == HttpStatus.UNPROCESSABLE_ENTITY.value())) {
      return new RequestNotCancellable(answer.getResponseBodyAsString());
    }
    return null;
  }
}
