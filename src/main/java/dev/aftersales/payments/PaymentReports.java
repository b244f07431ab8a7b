package dev.aftersales.payments;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseChanges;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The one way a reported payment enters a case, whatever the case asked for ({@link DuePayment}): verified
 * with the payment provider, stored on the case and recorded in its timeline, then the process is told
 * (store, then publish, as receipts do). The same payment again re-publishes the same message id; a different
 * one is a conflict. A payment the process no longer waits for (the exchange's window closed, the exception
 * order was cancelled at its deadline) is stored and refunded once ({@link LatePaymentRefunds}), never kept.
 *
 * <p>A payment can arrive while a worker changes the same case (the deadline's cancellation, the window's
 * close): {@link CaseChanges} takes it again on the case as it now is, which then decides whether it is kept
 * or refunded; the channel is not asked to send it again.
 *
 * <p>Once the process was told or the late payment refunded, the payment's part notes it ({@link
 * UnhandledPayments}). A payment stored without that note (the application stopped, the engine failed or the
 * provider refused the refund between the commit and the hand-on, and the channel never sent the report again) is
 * handed on by the retry ({@link #retryBefore}): a late payment is not left unrefunded, and a payment in time does
 * not wait for the window's close or the deadline to be refunded instead of taken.
 */
@Service
public class PaymentReports implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(PaymentReports.class);

  /** Who hands on, in the timeline, a payment the retry found. */
  public static final String RETRY_ACTOR = "payment-retry";

  private final CaseRepository cases;
  private final DifferencePaymentRepository differencePayments;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;
  private final CaseChanges changes;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final PaymentsClient payments;
  private final LatePaymentRefunds lateRefunds;
  private final PaymentReportProperties properties;
  private final UnhandledPayments unhandled;
  private final TransactionTemplate transaction;
  private final Clock clock;

  PaymentReports(CaseRepository cases, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions, RefundRepository refunds, CaseChanges changes,
      Timeline timeline, CaseMessagePublisher publisher, PaymentsClient payments, LatePaymentRefunds lateRefunds,
      PaymentReportProperties properties, UnhandledPayments unhandled, TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.differencePayments = differencePayments;
    this.exceptions = exceptions;
    this.refunds = refunds;
    this.changes = changes;
    this.timeline = timeline;
    this.publisher = publisher;
    this.payments = payments;
    this.lateRefunds = lateRefunds;
    this.properties = properties;
    this.unhandled = unhandled;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** @param kind what the channel reports, by the path it used: the case must have asked for that */
  void reported(AfterSalesCase c, DuePayment.Kind kind, ReportedPayment reported, String actor) {
    changes.apply(c, kind.what + " " + reported.paymentId(), current -> take(current, kind, reported, actor));
  }

  private void take(AfterSalesCase c, DuePayment.Kind kind, ReportedPayment reported, String actor) {
    DuePayment due = DuePayment.of(c, differencePayments, exceptions, refunds).filter(d -> d.kind() == kind).orElseThrow(() ->
        RequestRejectedException.conflict("Case " + c.getId() + " has asked for no " + kind.what
            + "; there is nothing to pay"));
    if (due.paidPaymentId() != null) {
      if (due.sameAsPaid(reported)) {
        handOn(c.getId(), kind, due.late(c), actor);
        return;
      }
      throw RequestRejectedException.conflict("The " + kind.what + " of case " + c.getId()
          + " was paid before with payment " + due.paidPaymentId());
    }
    due.requireTakesPayment(c);
    due.checkReported(reported);
    BigDecimal amount = due.accepted(reported, verified(reported));
    boolean late = due.late(c);
    Instant now = clock.instant();
    DuePayment paid = due.store(c, reported.paymentId(), amount, now, late);
    c.touch(now);
    transaction.executeWithoutResult(status -> {
      // The case too, not only a part that holds the payment: its version check catches a worker that moved the
      // case on meanwhile (refunded, closed), which decides whether the payment is late.
      cases.save(c);
      paid.savePart(differencePayments, exceptions);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("paymentId", reported.paymentId());
      details.put("amount", amount);
      details.put("paymentRequestId", due.paymentRequestId());
      details.put("verifiedWith", PaymentsClient.PAYMENT.call());
      timeline.record(c.getId(), TimelineKind.MESSAGE, kind.catchEvent, actor,
          late ? kind.lateSummary : kind.paidSummary, details);
    });
    handOn(c.getId(), kind, late, actor);
  }

  /**
   * Tells the waiting process, or refunds the late payment, then notes it: a note that fails to be written only
   * leaves the payment to the retry, which finds it told (the same message id) or refunded (the same key).
   */
  private void handOn(String caseId, DuePayment.Kind kind, boolean late, String actor) {
    if (late) {
      try {
        lateRefunds.refundIfDue(caseId, kind.catchEvent, actor);
      } catch (ExternalSystemException e) {
        throw refundPending(caseId, kind, e);
      }
    } else {
      publisher.publish(kind.message, caseId, properties.publishing(kind), kind.what);
    }
    try {
      transaction.executeWithoutResult(status -> noteHandled(kind, caseId));
    } catch (RuntimeException e) {
      log.warn("Case {}: its {} was handed on, but the note of it was not stored; the payment retry looks at it "
          + "again: {}", caseId, kind.what, e.getMessage());
    }
  }

  /**
   * A late payment stored whose refund the provider did not make: a 503 as for any provider away, but saying what is
   * true (the payment is stored, the retry refunds it) and that the same report again is safe.
   */
  private static ErrorResponseException refundPending(String caseId, DuePayment.Kind kind, ExternalSystemException e) {
    log.warn("Case {}: its late {} is stored, its refund was not made; the payment retry refunds it: {}", caseId,
        kind.what, e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The " + kind.what
        + " of case " + caseId + " is stored, but it came too late and its refund was not made ("
        + e.system().displayName() + " is unavailable). It is refunded within minutes without another report; "
        + "sending the same payment again is safe.");
    problem.setTitle("Refund of a late payment pending");
    problem.setProperty("system", e.system().key());
    ErrorResponseException answer = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
    answer.getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
    return answer;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    properties.schedule(registrar, clock, this::retryBefore);
  }

  /**
   * The retry: payments stored before {@code before} and never handed on. One the process still waits for is told
   * under its part's row lock (skipped when another instance's retry holds it), with the same message id, so a process
   * that took the message before does not take it twice; the note and a timeline entry commit with the lock. A late
   * one is refunded with the key the report would have used ({@link LatePaymentRefunds}: once, whoever asks), then
   * noted. One that fails is left to the next run.
   *
   * @return the cases whose payment it told or refunded
   */
  public List<String> retryBefore(Instant before) {
    List<String> handedOn = new ArrayList<>();
    for (DuePayment.Kind kind : DuePayment.Kind.values()) {
      for (String caseId : unhandled.storedBefore(kind, before)) {
        try {
          if (retry(kind, caseId)) {
            handedOn.add(caseId);
          }
        } catch (RuntimeException e) {
          log.warn("Case {}: the payment retry could not hand on its {}; the next run tries again: {}", caseId,
              kind.what, e.getMessage());
        }
      }
    }
    return handedOn;
  }

  /** What the retry found: a payment that is late, told now, or nothing to do (another instance has it). */
  private enum Retried { LATE, TOLD, NOTHING }

  private boolean retry(DuePayment.Kind kind, String caseId) {
    Retried retried = transaction.execute(status -> {
      if (!unhandled.lockIfUnhandled(kind, caseId)) {
        return Retried.NOTHING;
      }
      AfterSalesCase c = cases.require(caseId);
      Optional<DuePayment> paid = DuePayment.of(c, differencePayments, exceptions, refunds)
          .filter(d -> d.kind() == kind && d.paidPaymentId() != null);
      if (paid.isEmpty() || paid.get().taken()) { // not a payment this case takes, or one its process took
        noteHandled(kind, caseId);
        return Retried.NOTHING;
      }
      if (paid.get().late(c)) {
        return Retried.LATE; // refunded outside the lock: the call's trace must stay if it fails
      }
      log.warn("Case {}: its {} {} was stored but its process was never told; the payment retry tells it", caseId,
          kind.what, paid.get().paidPaymentId());
      publisher.publish(kind.message, caseId, properties.publishing(kind), kind.what);
      timeline.record(caseId, TimelineKind.MESSAGE, kind.catchEvent, RETRY_ACTOR,
          "Process told of the " + kind.what + " " + paid.get().paidPaymentId() + " by the payment retry",
          Map.of("paymentId", paid.get().paidPaymentId(), "amount", paid.get().paidAmount()));
      noteHandled(kind, caseId);
      return Retried.TOLD;
    });
    if (retried == Retried.LATE) {
      lateRefunds.refundIfDue(caseId, kind.catchEvent, RETRY_ACTOR).ifPresent(refundId -> log.warn(
          "Case {}: its {} came after the process stopped waiting and was not refunded; the payment retry refunded "
              + "it ({})", caseId, kind.what, refundId));
      transaction.executeWithoutResult(status -> noteHandled(kind, caseId));
    }
    return retried != Retried.NOTHING;
  }

  private void noteHandled(DuePayment.Kind kind, String caseId) {
    unhandled.handled(kind, caseId, clock.instant());
  }

  /** The provider must know the payment as succeeded; unreachable, it is a 503 and the channel sends it again. */
  private Payment verified(ReportedPayment reported) {
    Payment known = payments.findPayment(reported.paymentId()).orElseThrow(() ->
        RequestRejectedException.unprocessable("paymentId",
            "payment " + reported.paymentId() + " is unknown to the payment provider"));
    if (!known.succeeded()) {
      throw RequestRejectedException.unprocessable("paymentId",
          "payment " + reported.paymentId() + " has not succeeded at the payment provider (" + known.status() + ")");
    }
    return known;
  }
}
