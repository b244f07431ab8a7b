package dev.aftersales.exchange;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.Messages;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.RequestRejectedException;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that the customer paid an exchange's price difference, once the payment provider confirms
 * it, and tells the process, store then publish as receipts do: the same payment sent again
 * re-publishes the same message id; a different one is a conflict. A payment after the 48 h window
 * closed is stored and refunded ({@link LateDifferencePayments}), never shipped against.
 */
@Service
class DifferencePaymentService {

  /** The model's catch event this payment completes (bpmn/exchange-request.bpmn). */
  static final String DIFFERENCE_PAID_EVENT = "IntermediateCatchEvent_DifferencePaid";
  private static final String WHAT = "difference payment";

  private final CaseRepository cases;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final PaymentsClient payments;
  private final LateDifferencePayments lateRefunds;
  private final DifferencePaymentProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  DifferencePaymentService(CaseRepository cases, Timeline timeline, CaseMessagePublisher publisher,
      PaymentsClient payments, LateDifferencePayments lateRefunds, DifferencePaymentProperties properties,
      TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.publisher = publisher;
    this.payments = payments;
    this.lateRefunds = lateRefunds;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
  }

  void paid(String caseId, DifferencePaymentRequest payment, String actor) {
    AfterSalesCase c = cases.require(caseId);
    DifferencePayment requested = c.getDifferencePayment().filter(DifferencePayment::requested)
        .orElseThrow(() -> RequestRejectedException.conflict(
            "Case " + caseId + " has asked for no price difference; there is nothing to pay"));
    if (requested.paid()) {
      if (requested.paymentId().equals(payment.paymentId()) && requested.paidAmount().compareTo(payment.amount()) == 0) {
        if (requested.windowOpen()) {
          publish(c);
        } else {
          lateRefunds.refundIfDue(caseId, DIFFERENCE_PAID_EVENT, actor);
        }
        return;
      }
      throw RequestRejectedException.conflict("The difference of case " + caseId + " was paid before with payment "
          + requested.paymentId());
    }
    if (payment.amount().compareTo(requested.amount()) != 0) {
      throw RequestRejectedException.unprocessable("amount",
          "must be the requested difference of " + requested.amount() + " CNY, not " + payment.amount());
    }
    verify(payment);
    // After the window (request cancelled, or the exchange already became a refunded return) the
    // payment is not kept: it is stored and refunded.
    boolean late = !requested.windowOpen() || c.getRefund().isPresent() || c.getClosedAt() != null;
    Instant now = clock.instant();
    c.updateDifferencePayment(p -> {
      DifferencePayment paid = p.pay(payment.paymentId(), payment.amount().setScale(2, RoundingMode.HALF_UP), now);
      return late ? paid.closeWindow(now) : paid;
    });
    c.touch(now);
    transaction.executeWithoutResult(status -> {
      cases.save(c);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("paymentId", payment.paymentId());
      details.put("amount", payment.amount());
      details.put("paymentRequestId", requested.paymentRequestId());
      details.put("verifiedWith", PaymentsClient.PAYMENT.call());
      timeline.record(caseId, TimelineKind.MESSAGE, DIFFERENCE_PAID_EVENT, actor,
          late ? "Difference paid after the window closed: refunded" : "Difference paid", details);
    });
    if (late) {
      lateRefunds.refundIfDue(caseId, DIFFERENCE_PAID_EVENT, actor);
    } else {
      publish(c);
    }
  }

  /**
   * The channel's word is not enough to ship a dearer variant: the provider must know the payment as
   * succeeded for exactly the difference. Unreachable, it is a 503 and the channel sends it again.
   */
  private void verify(DifferencePaymentRequest payment) {
    Payment known = payments.findPayment(payment.paymentId()).orElseThrow(() ->
        RequestRejectedException.unprocessable("paymentId",
            "payment " + payment.paymentId() + " is unknown to the payment provider"));
    if (!known.succeeded()) {
      throw RequestRejectedException.unprocessable("paymentId",
          "payment " + payment.paymentId() + " has not succeeded at the payment provider (" + known.status() + ")");
    }
    if (known.amount() == null || known.amount().compareTo(payment.amount()) != 0) {
      throw RequestRejectedException.unprocessable("amount",
          "the payment provider has " + known.amount() + " CNY for payment " + payment.paymentId()
              + ", not " + payment.amount());
    }
  }

  private void publish(AfterSalesCase c) {
    publisher.publish(Messages.DIFFERENCE_PAID, c.getId(), properties, WHAT);
  }
}
