package dev.aftersales.caseview;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Coupon;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.Eligibility;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.PickingError;
import dev.aftersales.cases.PickingErrorStatus;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.JobAttempts;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/after-sales/cases/{caseId}}: what a channel, agent or auditor may see of a case.
 * Payment ids, idempotency keys and customer ids stay inside; absent values are null, never missing.
 * {@code tasks} are the case's human tasks from the engine's user-task search, oldest first.
 * {@code blockedSteps} are the steps that still fail after their retry budget (an incident waits for an
 * operator), e.g. a push to the warehouse: empty when the case moves normally.
 */
public record CaseView(
    String caseId,
    CaseType type,
    CaseStatus status,
    String channel,
    String orderId,
    Reason reason,
    ReasonSource reasonSource,
    Eligibility decision,
    String decisionRule,
    boolean urgent,
    boolean escalated,
    String trackingNumber,
    RefundView refund,
    CouponView coupon,
    List<LineView> lines,
    List<EvidenceView> evidence,
    Instant requestedAt,
    Instant closedAt,
    ExchangeView exchange,
    ReshipView reship,
    PickingErrorView pickingError,
    ShortageView shortage,
    OrderExceptionView orderException,
    List<TaskView> tasks,
    List<BlockedStepView> blockedSteps) {

  /**
   * A step that failed past its retry budget: the engine holds it as an incident until an operator retries it.
   *
   * @param failingSince the first failed attempt
   * @param blockedSince when the budget ran out (the incident)
   * @param lastError the last attempt's error: which system answered what
   */
  public record BlockedStepView(String step, String jobType, Instant failingSince, Instant blockedSince,
      String lastError) {

    static BlockedStepView of(JobAttempts.BlockedStep s) {
      return new BlockedStepView(s.elementId(), s.jobType(), s.failingSince(), s.blockedAt(), s.lastError());
    }
  }

  /**
   * The exception order of an ORDER_EXCEPTION case: how it was handled and how it ended. The address is
   * personal data and not shown, only whether the service completed it and how sure it was.
   *
   * @param resolvedMinutes from the report until it was released or cancelled; null while open
   * @param paidAfterCancellation the pay-link payment came after the order was cancelled at its deadline
   * @param latePaymentRefundId that payment's refund (once; {@code manual:} and finance's reference when finance
   *     refunded it by hand)
   * @param latePaymentRefundDeclinedAt when the payment provider declined that refund and finance was handed it
   */
  public record OrderExceptionView(ExceptionType exceptionType, BigDecimal orderAmount, String handling,
      String handlingRule, String reviewKind, Integer parcels, String region, Integer weightGrams, String carrier,
      String chosenCarrier, boolean addressCompleted, BigDecimal addressConfidence, String riskReason,
      boolean payLinkSent, boolean paid, Instant heldAt, Instant escalatedAt, Instant releasedAt,
      String cancellationId, Instant cancelledAt, Long resolvedMinutes, boolean paidAfterCancellation,
      String latePaymentRefundId, Instant latePaymentRefundDeclinedAt) {

    static OrderExceptionView of(AfterSalesCase c, OrderException e) {
      Instant resolved = e.releasedAt() != null ? e.releasedAt() : e.cancelledAt();
      return new OrderExceptionView(e.exceptionType(), e.orderAmount(), e.handling(), e.handlingRule(),
          e.reviewKind(), e.parcels(), e.region(), e.weightGrams(), e.carrier(), e.chosenCarrier(),
          e.normalizedAddress() != null, e.addressConfidence(), e.riskReason(), e.payUrl() != null,
          e.paidPaymentId() != null, e.heldAt(), e.escalatedAt(), e.releasedAt(), e.cancellationId(), e.cancelledAt(),
          resolved == null ? null : Duration.between(c.getRequestedAt(), resolved).toMinutes(),
          e.paidPaymentId() != null && e.cancelled(), e.lateRefundId(), e.lateRefundDeclinedAt());
    }
  }

  /**
   * An order line that cannot ship, its backorder and the customer's wait: from the report until
   * stock was allocated or the line shipped, cancelled or substituted; up to now while it runs.
   *
   * @param waitStatus WAITING, STOCK_ALLOCATED or ENDED; null when the line never joined the queue
   */
  public record ShortageView(String sku, String bundleSku, int quantity, String warehouseId, Instant reportedAt,
      LocalDate nextArrivalDate, String handling, String handlingRule, String giftSku, String substituteSku,
      Shortage.BackorderStatus waitStatus, Instant waitingSince, Instant waitEndedAt, long waitedMinutes,
      String cancellationId, String substituteOrderId, String outboundOrderId) {

    static ShortageView of(AfterSalesCase c, Shortage s, Instant now) {
      return new ShortageView(s.sku(), s.bundleSku(), s.quantity(), s.warehouseId(), s.reportedAt(),
          s.nextArrivalDate(), s.handling(), s.handlingRule(), s.giftSku(), c.getLines().getFirst().exchangeSku(),
          s.waitStatus(), s.waitingSince(), s.waitEndedAt(), s.waited(now).toMinutes(), s.cancellationId(),
          c.getReplacementOrderId(), c.getOutboundOrderId());
    }
  }

  public record RefundView(
      BigDecimal amount,
      RefundStatus status,
      BigDecimal linesAmount,
      BigDecimal giftDeduction,
      BigDecimal agentDeduction,
      BigDecimal freightCredit,
      String refundId,
      boolean installmentReversed) {

    static RefundView of(Refund r) {
      return new RefundView(r.amount(), r.status(), r.linesAmount(), r.giftDeduction(), r.agentDeduction(),
          r.freightCredit(), r.refundId(), r.installmentReversed());
    }
  }

  public record CouponView(BigDecimal amount, String couponId) {

    static CouponView of(Coupon c) {
      return new CouponView(c.amount(), c.couponId());
    }
  }

  public record LineView(String sku, int quantity, String scannedBarcode, Grade grade, Disposition disposition,
      String exchangeSku, String receivedSku) {

    static LineView of(ReturnLine l) {
      return new LineView(l.sku(), l.quantity(), l.scannedBarcode(), l.grade(), l.disposition(), l.exchangeSku(),
          l.receivedSku());
    }
  }

  /**
   * An EXCHANGE: the replacement and the money either way ({@code priceDifference} negative: refunded).
   *
   * @param lateDifferenceRefundId the refund of a difference paid after the window closed ({@code manual:} and
   *     finance's reference when finance refunded it by hand); null when none was paid late
   * @param lateDifferenceRefundDeclinedAt when the payment provider declined that refund and finance was handed it
   */
  public record ExchangeView(String replacementOrderId, String outboundOrderId, BigDecimal priceDifference,
      boolean differencePaid, String lateDifferenceRefundId, Instant lateDifferenceRefundDeclinedAt) {

    static ExchangeView of(AfterSalesCase c, DifferencePayment differencePayment) {
      return new ExchangeView(c.getReplacementOrderId(), c.getOutboundOrderId(), c.getPriceDifference(),
          differencePayment != null && differencePayment.paid(),
          differencePayment == null ? null : differencePayment.lateRefundId(),
          differencePayment == null ? null : differencePayment.lateRefundDeclinedAt());
    }
  }

  /** A WRONG_ITEM or MISSING_ITEM: the reship and whether the customer keeps the wrong item. */
  public record ReshipView(String replacementOrderId, String outboundOrderId, Boolean keepWrongItem) {

    static ReshipView of(AfterSalesCase c) {
      return new ReshipView(c.getReplacementOrderId(), c.getOutboundOrderId(), c.getKeepWrongItem());
    }
  }

  public record PickingErrorView(String warehouseId, String sku, PickingErrorStatus status) {

    static PickingErrorView of(PickingError e) {
      return new PickingErrorView(e.warehouseId(), e.sku(), e.status());
    }
  }

  public record EvidenceView(String url, EvidenceKind kind) {

    static EvidenceView of(Evidence e) {
      return new EvidenceView(e.url(), e.kind());
    }
  }

  /**
   * A human task of the case as the user-task search shows it: open ({@code CREATED}) or done ({@code COMPLETED},
   * {@code CANCELED}). Times are instants; {@code completionTime} is null while the task is open.
   */
  public record TaskView(
      String taskId,
      String name,
      String elementId,
      TaskState state,
      String assignee,
      List<String> candidateGroups,
      Integer priority,
      Instant dueDate,
      Instant creationTime,
      Instant completionTime) {

    static TaskView of(HumanTask t) {
      return new TaskView(t.taskId(), t.name(), t.elementId(), t.state(), t.assignee(), t.candidateGroups(),
          t.priority(), t.dueDate(), t.creationTime(), t.completionTime());
    }
  }

  /** {@code tasks} null: the user-task search did not answer, so the tasks are unknown. */
  /**
   * @param refund the case's refund (its own aggregate, {@link Refund}); null when none was calculated
   * @param order the order lines and evidence the case was opened with ({@link OrderSnapshot})
   * @param coupon the case's compensation coupon (its own aggregate, {@link Coupon}); null when it has none
   * @param pickingError the picking error behind the case (its own aggregate, {@link PickingError}); null when none
   * @param differencePayment an exchange's difference payment (its own aggregate, {@link DifferencePayment}); null
   *     when none
   * @param shortage the backorder of an OUT_OF_STOCK case (its own aggregate, {@link Shortage}); null for others
   * @param exception the exception of an ORDER_EXCEPTION case (its own aggregate, {@link OrderException}); null for
   *     others
   */
  public static CaseView of(AfterSalesCase c, OrderSnapshot order, Refund refund, Coupon coupon,
      PickingError pickingError, DifferencePayment differencePayment, Shortage shortage, OrderException exception,
      List<HumanTask> tasks, List<JobAttempts.BlockedStep> blocked, Instant now) {
    return new CaseView(
        c.getId(),
        c.getType(),
        c.getStatus(),
        c.getChannel(),
        c.getOrderId(),
        c.getReason(),
        c.getReasonSource(),
        c.getDecision(),
        c.getDecisionRule(),
        c.isUrgent(),
        c.isEscalated(),
        c.getTrackingNumber(),
        refund == null ? null : RefundView.of(refund),
        coupon == null ? null : CouponView.of(coupon),
        c.getLines().stream().map(LineView::of).toList(),
        order.getEvidence().stream().map(EvidenceView::of).toList(),
        c.getRequestedAt(),
        c.getClosedAt(),
        c.getType() == CaseType.EXCHANGE ? ExchangeView.of(c, differencePayment) : null,
        c.getType() == CaseType.WRONG_ITEM || c.getType() == CaseType.MISSING_ITEM ? ReshipView.of(c) : null,
        pickingError == null ? null : PickingErrorView.of(pickingError),
        shortage == null ? null : ShortageView.of(c, shortage, now),
        exception == null ? null : OrderExceptionView.of(c, exception),
        tasks == null ? null : tasks.stream().map(TaskView::of).toList(),
        blocked.stream().map(BlockedStepView::of).toList());
  }
}
