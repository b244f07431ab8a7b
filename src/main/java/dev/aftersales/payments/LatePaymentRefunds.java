package dev.aftersales.payments;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.FoundRefund;
import dev.aftersales.integration.payment.PaymentsClient.RefundRequest;
import dev.aftersales.integration.payment.RefundDeclinedException;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.messages.MessagePublishing;
import dev.aftersales.process.Messages;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refunds a payment that arrived after the process stopped waiting for it, exactly once, whoever notices it:
 * the API when the channel reports it late, or the step that ended the wait when the payment was reported just
 * before (stored, but the process had moved on). An exchange's difference paid after its 48 h window
 * ({@code {caseId}:late-difference-refund}); an exception order paid through its pay link after it was cancelled
 * at the deadline ({@code {caseId}:late-payment-refund}). Each case keeps one such payment (another one is refused),
 * so case and step name it. A call recorded as successful before is not repeated, and a refusal is reconciled by
 * the key before it counts.
 *
 * <p>A refund the provider declines (and made none under the key) is not asked again: the payment's part notes the
 * decline and finance is handed the case ({@code bpmn/late-payment-refund.bpmn}, started by the message
 * {@code late-payment-refund-declined} with the message id {@code {caseId}:late-payment-refund-declined}, so however
 * often the hand-over is sent, one instance runs). Finance refunds by hand and records the reference
 * ({@code record-manual-late-refund}). A provider that is away (5xx, timeout) is a failure to try again, as before.
 */
@Component
public class LatePaymentRefunds {

  private static final Logger log = LoggerFactory.getLogger(LatePaymentRefunds.class);

  static final String DIFFERENCE_STEP = "late-difference-refund";
  static final String ORDER_PAYMENT_STEP = "late-payment-refund";

  private final CaseRepository cases;
  private final DifferencePaymentRepository differencePayments;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;
  private final OrderSnapshotRepository snapshots;
  private final PaymentsClient payments;
  private final CaseMessagePublisher publisher;
  private final MessagePublishing handOverPublishing;
  private final Timeline timeline;
  private final Clock clock;

  public LatePaymentRefunds(CaseRepository cases, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions, RefundRepository refunds, OrderSnapshotRepository snapshots,
      PaymentsClient payments, CaseMessagePublisher publisher, PaymentReportProperties properties, Timeline timeline,
      Clock clock) {
    this.refunds = refunds;
    this.exceptions = exceptions;
    this.cases = cases;
    this.differencePayments = differencePayments;
    this.snapshots = snapshots;
    this.payments = payments;
    this.publisher = publisher;
    this.timeline = timeline;
    this.clock = clock;
    this.handOverPublishing = new MessagePublishing() {
      @Override
      public Duration messageTtl() {
        return properties.orderPaidTtl(); // a start event takes it at once; the id is recognised this long
      }

      @Override
      public Duration publishTimeout() {
        return properties.publishTimeout();
      }
    };
  }

  /**
   * A late payment of a case to refund, how its refund is noted and saved, and how its decline is.
   *
   * @param exceptionType the exception order's type, for finance's form; null for an exchange's difference
   */
  private record Due(RefundRequest request, String why, Consumer<String> refunded, Consumer<Instant> declined,
      ExceptionType exceptionType) {}

  /**
   * Refunds the case's late payment if one is due; returns the refund id (empty: none due, or the provider declined
   * it and finance was handed the case). A late payment whose refund was declined before is handed to finance again
   * (the same message: one instance), so a hand-over that did not reach the engine is not lost.
   *
   * @param elementId the model element or API event the refund is recorded against
   * @param actor who noticed: the worker or the channel
   */
  public Optional<String> refundIfDue(String caseId, String elementId, String actor) {
    AfterSalesCase c = cases.require(caseId);
    Optional<Due> due = due(c);
    if (due.isEmpty()) {
      withFinance(c).ifPresent(declined -> handToFinance(c, declined));
      return Optional.empty();
    }
    RefundRequest request = due.get().request();
    Optional<String> recorded = timeline.succeededCall(caseId, request.idempotencyKey())
        .map(call -> String.valueOf(((Map<?, ?>) call.get("response")).get("refundId")));
    if (recorded.isPresent()) {
      due.get().refunded().accept(recorded.get());
      return recorded;
    }
    Optional<String> refundId = refund(caseId, request, due.get().why(), elementId, actor);
    if (refundId.isPresent()) {
      due.get().refunded().accept(refundId.get());
      return refundId;
    }
    due.get().declined().accept(clock.instant());
    log.warn("Case {}: the payment provider declined the refund of its late payment {} ({}); finance refunds it by "
        + "hand", caseId, request.paymentId(), due.get().why());
    handToFinance(c, due.get());
    return Optional.empty();
  }

  private Optional<Due> due(AfterSalesCase c) {
    return latePayment(c, DifferencePayment::lateRefundDue,
        e -> e.lateRefundDue() && !refundedAtCancellation(c, e));
  }

  /** The late payment whose refund the provider declined and finance has not recorded yet. */
  private Optional<Due> withFinance(AfterSalesCase c) {
    return latePayment(c, DifferencePayment::lateRefundWithFinance, OrderException::lateRefundWithFinance);
  }

  /** The case's late payment in the state asked for: an exchange's difference, or an exception order's payment. */
  private Optional<Due> latePayment(AfterSalesCase c, Predicate<DifferencePayment> difference,
      Predicate<OrderException> orderPayment) {
    Optional<DifferencePayment> paid = c.getType() == CaseType.EXCHANGE
        ? differencePayments.findById(c.getId()).filter(difference) : Optional.empty();
    if (paid.isPresent()) {
      return Optional.of(differenceDue(c, paid.get()));
    }
    return exceptions.ofCase(c).filter(orderPayment).map(e -> orderPaymentDue(c, e));
  }

  private Due differenceDue(AfterSalesCase c, DifferencePayment p) {
    // the payment alone: its version check catches a second refunder (the API and the window's close)
    return new Due(request(p.paymentId(), p.paidAmount(), IdempotencyKeys.of(c.getId(), DIFFERENCE_STEP)),
        "difference paid after the window closed", id -> differencePayments.save(p.lateRefunded(id)),
        at -> differencePayments.save(p.lateRefundDeclined(at)), null);
  }

  private Due orderPaymentDue(AfterSalesCase c, OrderException e) {
    return new Due(request(e.paidPaymentId(), e.paidAmount(), IdempotencyKeys.of(c.getId(), ORDER_PAYMENT_STEP)),
        "order paid after it was cancelled", id -> {
          c.touch(clock.instant());
          cases.save(c); // the case first: its version check
          exceptions.save(e.lateRefunded(id));
        }, at -> {
          c.touch(at);
          cases.save(c);
          exceptions.save(e.lateRefundDeclined(at));
        }, e.exceptionType());
  }

  /** The order's own payment, refunded with the cancellation ({@code {caseId}:refund}): never twice. */
  private boolean refundedAtCancellation(AfterSalesCase c, OrderException e) {
    return e.paidPaymentId().equals(c.getPaymentId())
        && refunds.findById(c.getId()).map(r -> r.amount().signum() > 0).orElse(false);
  }

  private static RefundRequest request(String paymentId, BigDecimal amount, String key) {
    return new RefundRequest(paymentId, amount, PaymentsClient.CURRENCY, key);
  }

  /** The refund's id; empty when the provider declined it and made none under the key. */
  private Optional<String> refund(String caseId, RefundRequest request, String why, String elementId, String actor) {
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
        Optional<FoundRefund> made = payments.findRefund(request.idempotencyKey());
        if (made.isEmpty()) {
          details.put("outcome", "DECLINED");
          details.put("error", declined.providerAnswer());
          timeline.record(caseId, TimelineKind.EXTERNAL_CALL, elementId, actor,
              summary + " declined: finance refunds it by hand", details);
          return Optional.empty();
        }
        refundId = made.get().refundId();
      }
      details.put("outcome", "OK");
      details.put("response", Map.of("refundId", refundId));
      timeline.record(caseId, TimelineKind.EXTERNAL_CALL, elementId, actor, summary, details);
      return Optional.of(refundId);
    } catch (RuntimeException e) {
      details.put("outcome", "FAILED");
      details.put("error", e.getMessage());
      timeline.record(caseId, TimelineKind.EXTERNAL_CALL, elementId, actor, summary + " failed", details);
      throw e;
    }
  }

  /**
   * Starts finance's task (late-payment-refund.bpmn) with what its form shows: the amount, the order, the payment and
   * why it came late. The same message id every time: one instance per case.
   */
  private void handToFinance(AfterSalesCase c, Due declined) {
    Map<String, Object> latePayment = new LinkedHashMap<>();
    latePayment.put("paymentId", declined.request().paymentId());
    latePayment.put("why", declined.why());
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("caseId", c.getId());
    variables.put("orderId", c.getOrderId());
    variables.put("refundAmount", declined.request().amount());
    variables.put("paymentMethod", "PAY_LINK"); // a late payment is always one made through a pay link
    variables.put("latePayment", latePayment);
    if (declined.exceptionType() != null) {
      variables.put("exceptionType", declined.exceptionType().name());
    }
    variables.put("caseFacts", CaseFacts.orderException(c, snapshots.require(c.getId())));
    // "payment": when the engine does not take the hand-over, the channel is told to send the same payment again,
    // which hands it over again (the retry does too)
    publisher.publish(Messages.LATE_PAYMENT_REFUND_DECLINED, c.getId(), handOverPublishing, "payment", variables);
  }
}
