package dev.aftersales.payments;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseChanges;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

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
 */
@Service
class PaymentReports {

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
  private final TransactionTemplate transaction;
  private final Clock clock;

  PaymentReports(CaseRepository cases, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions, RefundRepository refunds, CaseChanges changes,
      Timeline timeline, CaseMessagePublisher publisher, PaymentsClient payments, LatePaymentRefunds lateRefunds,
      PaymentReportProperties properties, TransactionTemplate transaction, Clock clock) {
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
        tellOrRefund(c.getId(), kind, due.late(c), actor);
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
    tellOrRefund(c.getId(), kind, late, actor);
  }

  private void tellOrRefund(String caseId, DuePayment.Kind kind, boolean late, String actor) {
    if (late) {
      lateRefunds.refundIfDue(caseId, kind.catchEvent, actor);
    } else {
      publisher.publish(kind.message, caseId, properties.publishing(kind), kind.what);
    }
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
