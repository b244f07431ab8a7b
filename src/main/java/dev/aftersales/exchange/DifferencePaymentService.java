package dev.aftersales.exchange;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.DifferencePayment;
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
 * Records that the customer paid an exchange's price difference and tells the process, store then
 * publish as receipts do: the same payment sent again re-publishes the same message id; a different
 * one, or a payment the case no longer waits for, is a conflict.
 */
@Service
class DifferencePaymentService {

  /** The model's catch event this payment completes (bpmn/exchange-request.bpmn). */
  static final String DIFFERENCE_PAID_EVENT = "IntermediateCatchEvent_DifferencePaid";
  private static final String WHAT = "difference payment";

  private final CaseRepository cases;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final DifferencePaymentProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  DifferencePaymentService(CaseRepository cases, Timeline timeline, CaseMessagePublisher publisher,
      DifferencePaymentProperties properties, TransactionTemplate transaction, Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.publisher = publisher;
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
        publish(c);
        return;
      }
      throw RequestRejectedException.conflict("The difference of case " + caseId + " was paid before with payment "
          + requested.paymentId());
    }
    if (c.getRefund().isPresent() || c.getClosedAt() != null) {
      throw RequestRejectedException.conflict("Case " + caseId + " no longer waits for the difference: the exchange "
          + (c.getClosedAt() != null ? "is closed (" + c.getStatus() + ")" : "became a return"));
    }
    if (payment.amount().compareTo(requested.amount()) != 0) {
      throw RequestRejectedException.unprocessable("amount",
          "must be the requested difference of " + requested.amount() + " CNY, not " + payment.amount());
    }
    Instant now = clock.instant();
    c.updateDifferencePayment(p -> p.pay(payment.paymentId(), payment.amount().setScale(2, RoundingMode.HALF_UP), now));
    c.touch(now);
    transaction.executeWithoutResult(status -> {
      cases.save(c);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("paymentId", payment.paymentId());
      details.put("amount", payment.amount());
      details.put("paymentRequestId", requested.paymentRequestId());
      timeline.record(caseId, TimelineKind.MESSAGE, DIFFERENCE_PAID_EVENT, actor, "Difference paid", details);
    });
    publish(c);
  }

  private void publish(AfterSalesCase c) {
    publisher.publish(Messages.DIFFERENCE_PAID, c.getId(), properties, WHAT);
  }
}
