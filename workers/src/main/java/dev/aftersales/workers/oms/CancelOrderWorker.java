package dev.aftersales.workers.oms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ExceptionRefund;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.CancellationRequest;
import dev.aftersales.integration.oms.OmsClient.OrderedItem;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.payments.LatePaymentRefunds;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Cancels every line of the held exception order in the order platform, exactly once (key
 * {@code {caseId}:cancellation}; a released order is never cancelled), and fixes the refund of what was
 * paid ({@link ExceptionRefund}, key {@code {caseId}:refund}) for the refund step: refundDue tells the
 * model whether there is one. The reason OMS gets: the agent cancelled it, or the payment deadline passed.
 * A pay-link payment reported just before the deadline, that the process no longer took, is refunded here
 * ({@link LatePaymentRefunds}), once.
 */
@Component
public class CancelOrderWorker {

  static final String CANCEL = "CANCEL";

  /** Why the order is cancelled, as OMS records it. */
  enum CancellationReason { EXCEPTION_REVIEW_CANCELLED, PAYMENT_DEADLINE_PASSED }

  /** {@code refundAmount} and {@code paymentMethod}: what finance refunds by hand if the provider declines (manual-refund form). */
  public record OrderCancelled(String cancellationId, boolean refundDue, String refundAmount, String paymentMethod) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;
  private final OmsClient oms;
  private final PaymentsClient payments;
  private final StepJournal journal;
  private final LatePaymentRefunds lateRefunds;
  private final Clock clock;

  public CancelOrderWorker(CaseRepository cases, OrderSnapshotRepository snapshots,
      OrderExceptionRepository exceptions, RefundRepository refunds,
      OmsClient oms,
      PaymentsClient payments, StepJournal journal,
      LatePaymentRefunds lateRefunds, Clock clock) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.exceptions = exceptions;
    this.refunds = refunds;
    this.oms = oms;
    this.payments = payments;
    this.journal = journal;
    this.lateRefunds = lateRefunds;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CANCEL_ORDER)
  public OrderCancelled cancel(ActivatedJob job, @Variable String caseId, @Variable String exceptionDecision) {
    AfterSalesCase c = cases.require(caseId);
    OrderSnapshot order = snapshots.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.released()) {
      throw new IllegalStateException("order " + c.getOrderId() + " of case " + caseId + " was released at "
          + exception.releasedAt() + "; it is never cancelled");
    }
    Instant now = clock.instant();
    OrderException cancelled = exception;
    if (!exception.cancelled()) {
      CancellationReason reason = CANCEL.equals(exceptionDecision)
          ? CancellationReason.EXCEPTION_REVIEW_CANCELLED : CancellationReason.PAYMENT_DEADLINE_PASSED;
      CancellationRequest request = new CancellationRequest(caseId,
          order.getOrderLines().stream().map(l -> new OrderedItem(l.sku(), l.quantity())).toList(), reason.name(),
          IdempotencyKeys.of(caseId, "cancellation"));
      // cancelled() above records an earlier success (StepJournal.callOnce: why a plain call)
      String cancellationId = journal.call(job, caseId, OmsClient.CANCELLATION, request,
          () -> oms.cancel(c.getOrderId(), request)).cancellationId();
      cancelled = exception.cancelledAt(cancellationId, now);
    }
    Refund refund = refunds.findById(caseId).orElse(null);
    Refund planned = refund;
    if (refund == null) {
      BigDecimal amount = paid(job, c, order);
      planned = Refund.calculated(caseId, new RefundCalculation.Breakdown(amount, BigDecimal.ZERO.setScale(2),
          BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), amount), IdempotencyKeys.of(caseId, "refund"));
    }
    c.touch(now);
    cases.save(c); // the case first: its version check
    if (cancelled != exception) {
      exceptions.save(cancelled);
    }
    if (planned != refund) {
      refunds.save(planned);
    }
    lateRefunds.refundIfDue(caseId, job.getElementId(), "worker:" + job.getType());
    BigDecimal amount = planned.amount();
    return new OrderCancelled(cancelled.cancellationId(), amount.signum() > 0, amount.toPlainString(),
        c.getPaymentMethod() == null ? null : c.getPaymentMethod().name());
  }

  /** What the provider holds for the order's payment; none for cash on delivery. */
  private BigDecimal paid(ActivatedJob job, AfterSalesCase c, OrderSnapshot order) {
    if (c.getPaymentMethod() == PaymentMethod.CASH_ON_DELIVERY || c.getPaymentId() == null
        || c.getPaymentId().isBlank()) {
      return ExceptionRefund.amount(c.getPaymentMethod(), false, null, order.paidForOrder());
    }
    Optional<Payment> payment = journal.call(job, c.getId(), PaymentsClient.PAYMENT,
        Map.of("paymentId", c.getPaymentId()), () -> payments.findPayment(c.getPaymentId()));
    return ExceptionRefund.amount(c.getPaymentMethod(), payment.map(Payment::succeeded).orElse(false),
        payment.map(Payment::amount).orElse(null), order.paidForOrder());
  }
}
