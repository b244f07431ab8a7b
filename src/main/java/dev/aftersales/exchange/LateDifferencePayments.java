package dev.aftersales.exchange;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.FoundRefund;
import dev.aftersales.integration.payment.PaymentsClient.RefundRequest;
import dev.aftersales.integration.payment.RefundDeclinedException;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refunds a difference payment that arrived after the 48 h window closed, exactly once, whoever
 * notices it: the API when the channel reports it late, or the step that closes the window when the
 * payment was reported just before (stored, but the process had moved on). One key,
 * {@code {caseId}:late-difference-refund}; a call recorded as successful before is not repeated, and a
 * refusal is reconciled by the key before it counts.
 */
@Component
public class LateDifferencePayments {

  public static final String STEP = "late-difference-refund";

  private final CaseRepository cases;
  private final PaymentsClient payments;
  private final Timeline timeline;
  private final Clock clock;

  public LateDifferencePayments(CaseRepository cases, PaymentsClient payments, Timeline timeline, Clock clock) {
    this.cases = cases;
    this.payments = payments;
    this.timeline = timeline;
    this.clock = clock;
  }

  /**
   * Refunds the case's late difference payment if one is due; returns the refund id (empty: none due).
   *
   * @param elementId the model element or API event the refund is recorded against
   * @param actor who noticed: the worker or the channel
   */
  public Optional<String> refundIfDue(String caseId, String elementId, String actor) {
    AfterSalesCase c = cases.require(caseId);
    DifferencePayment payment = c.getDifferencePayment().filter(DifferencePayment::lateRefundDue).orElse(null);
    if (payment == null) {
      return Optional.empty();
    }
    String key = IdempotencyKeys.of(caseId, STEP);
    RefundRequest request = new RefundRequest(payment.paymentId(), payment.paidAmount(), PaymentsClient.CURRENCY, key);
    String refundId = timeline.succeededCall(caseId, key)
        .map(call -> String.valueOf(((Map<?, ?>) call.get("response")).get("refundId")))
        .orElseGet(() -> refund(caseId, request, elementId, actor));
    c.updateDifferencePayment(p -> p.lateRefunded(refundId));
    c.touch(clock.instant());
    cases.save(c);
    return Optional.of(refundId);
  }

  private String refund(String caseId, RefundRequest request, String elementId, String actor) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("system", PaymentsClient.REFUNDS.system().key());
    details.put("call", PaymentsClient.REFUNDS.call());
    details.put("idempotencyKey", request.idempotencyKey());
    details.put("request", request);
    String summary = PaymentsClient.REFUNDS.system().displayName() + " " + PaymentsClient.REFUNDS.call()
        + " (difference paid after the window closed)";
    try {
      String refundId;
      try {
        refundId = payments.refund(request).refundId();
      } catch (RefundDeclinedException declined) {
        // Refused: the provider may have refunded with this key already (the answer to an earlier attempt was lost).
        refundId = payments.findRefund(request.idempotencyKey()).map(FoundRefund::refundId).orElseThrow(() ->
            new ExternalSystemException(PaymentsClient.REFUNDS.system(), PaymentsClient.REFUNDS.call(),
                "declined the refund of a late difference payment: " + declined.providerAnswer(), declined));
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
