package dev.aftersales.payments;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.FoundRefund;
import dev.aftersales.integration.payment.PaymentsClient.RefundRequest;
import dev.aftersales.integration.payment.RefundDeclinedException;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Refunds a payment that arrived after the process stopped waiting for it, exactly once, whoever notices it:
 * the API when the channel reports it late, or the step that ended the wait when the payment was reported just
 * before (stored, but the process had moved on). An exchange's difference paid after its 48 h window
 * ({@code {caseId}:late-difference-refund}); an exception order paid through its pay link after it was cancelled
 * at the deadline ({@code {caseId}:late-payment-refund}). Each case keeps one such payment (another one is refused),
 * so case and step name it. A call recorded as successful before is not repeated, and a refusal is reconciled by
 * the key before it counts.
 */
@Component
public class LatePaymentRefunds {

  static final String DIFFERENCE_STEP = "late-difference-refund";
  static final String ORDER_PAYMENT_STEP = "late-payment-refund";

  private final CaseRepository cases;
  private final DifferencePaymentRepository differencePayments;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;
  private final PaymentsClient payments;
  private final Timeline timeline;
  private final Clock clock;

  public LatePaymentRefunds(CaseRepository cases, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions, RefundRepository refunds, PaymentsClient payments, Timeline timeline,
      Clock clock) {
    this.refunds = refunds;
    this.exceptions = exceptions;
    this.cases = cases;
    this.differencePayments = differencePayments;
    this.payments = payments;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** A late payment of a case to refund, and how its refund is noted and saved. */
  private record Due(RefundRequest request, String why, Consumer<String> refunded) {}

  /**
   * Refunds the case's late payment if one is due; returns the refund id (empty: none due).
   *
   * @param elementId the model element or API event the refund is recorded against
   * @param actor who noticed: the worker or the channel
   */
  public Optional<String> refundIfDue(String caseId, String elementId, String actor) {
    AfterSalesCase c = cases.require(caseId);
    Optional<Due> due = due(c);
    if (due.isEmpty()) {
      return Optional.empty();
    }
    RefundRequest request = due.get().request();
    String refundId = timeline.succeededCall(caseId, request.idempotencyKey())
        .map(call -> String.valueOf(((Map<?, ?>) call.get("response")).get("refundId")))
        .orElseGet(() -> refund(caseId, request, due.get().why(), elementId, actor));
    due.get().refunded().accept(refundId);
    return Optional.of(refundId);
  }

  private Optional<Due> due(AfterSalesCase c) {
    Optional<DifferencePayment> difference = c.getType() == CaseType.EXCHANGE
        ? differencePayments.findById(c.getId()).filter(DifferencePayment::lateRefundDue) : Optional.empty();
    if (difference.isPresent()) {
      DifferencePayment p = difference.get();
      // the payment alone: its version check catches a second refunder (the API and the window's close)
      return Optional.of(new Due(request(p.paymentId(), p.paidAmount(), IdempotencyKeys.of(c.getId(), DIFFERENCE_STEP)),
          "difference paid after the window closed", id -> differencePayments.save(p.lateRefunded(id))));
    }
    Optional<OrderException> order = exceptions.ofCase(c).filter(OrderException::lateRefundDue)
        .filter(e -> !refundedAtCancellation(c, e));
    return order.map(e -> new Due(request(e.paidPaymentId(), e.paidAmount(),
            IdempotencyKeys.of(c.getId(), ORDER_PAYMENT_STEP)),
        "order paid after it was cancelled", id -> {
          c.touch(clock.instant());
          cases.save(c); // the case first: its version check
          exceptions.save(e.lateRefunded(id));
        }));
  }

  /** The order's own payment, refunded with the cancellation ({@code {caseId}:refund}): never twice. */
  private boolean refundedAtCancellation(AfterSalesCase c, OrderException e) {
    return e.paidPaymentId().equals(c.getPaymentId())
        && refunds.findById(c.getId()).map(r -> r.amount().signum() > 0).orElse(false);
  }

  private static RefundRequest request(String paymentId, BigDecimal amount, String key) {
    return new RefundRequest(paymentId, amount, PaymentsClient.CURRENCY, key);
  }

  private String refund(String caseId, RefundRequest request, String why, String elementId, String actor) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("system", PaymentsClient.REFUNDS.system().key());
    details.put("call", PaymentsClient.REFUNDS.call());
    details.put("idempotencyKey", request.idempotencyKey());
    details.put("request", request);
    String summary = PaymentsClient.REFUNDS.system().displayName() + " " + PaymentsClient.REFUNDS.call()
        + " (" + why + ")";
    try {
      String refundId;
      try {
        refundId = payments.refund(request).refundId();
      } catch (RefundDeclinedException declined) {
        // Refused: the provider may have refunded with this key already (the answer to an earlier attempt was lost).
        refundId = payments.findRefund(request.idempotencyKey()).map(FoundRefund::refundId).orElseThrow(() ->
            new ExternalSystemException(PaymentsClient.REFUNDS.system(), PaymentsClient.REFUNDS.call(),
                "declined the refund of a late payment (" + why + "): " + declined.providerAnswer(), declined));
      }
      details.put("outcome", "OK");
      details.put("response", Map.of("refundId", refundId));
      timeline.record(caseId, TimelineKind.EXTERNAL_CALL, elementId, actor, summary, details);
      return refundId;
    } catch (RuntimeException e) {
      details.put("outcome", "FAILED");
      details.put("error", e.getMessage());
      timeline.record(caseId, TimelineKind.EXTERNAL_CALL, elementId, actor, summary + " failed", details);
      throw e;
    }
  }
}
