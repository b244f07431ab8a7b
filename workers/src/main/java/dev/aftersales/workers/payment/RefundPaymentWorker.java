package dev.aftersales.workers.payment;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundStatus;
import dev.aftersales.integration.payment.PaymentsClient;
import dev.aftersales.integration.payment.PaymentsClient.FoundRefund;
import dev.aftersales.integration.payment.PaymentsClient.RefundRequest;
import dev.aftersales.integration.payment.RefundDeclinedException;
import dev.aftersales.process.ErrorCodes;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refunds the calculated amount to the original payment, exactly once: an issued refund is never
 * sent again (a job redelivered after its timeout), every attempt sends the key fixed at calculation,
 * and a success whose save failed is rolled back with its timeline entry and asked again with that key, which the
 * provider answers with the refund it made (one refund, one entry).
 * A zero amount is never sent: it is recorded as nothing to refund.
 *
 * <p>A refusal by the provider is first reconciled by the key: when the provider already refunded
 * with it (the answer to an earlier attempt was lost), the refund is issued. Only a refusal with no
 * refund behind it is the BPMN error {@code refund-declined}: finance takes over.
 */
@Component
public class RefundPaymentWorker {

  static final String CURRENCY = "CNY";

  public record RefundIssued(String refundId) {}

  private final CaseRepository cases;
  private final RefundRepository refunds;
  private final PaymentsClient payments;
  private final StepJournal journal;
  private final Clock clock;
  private final CaseMetrics metrics;

  public RefundPaymentWorker(CaseRepository cases, RefundRepository refunds,
      PaymentsClient payments, StepJournal journal, Clock clock,
      CaseMetrics metrics) {
    this.cases = cases;
    this.refunds = refunds;
    this.payments = payments;
    this.journal = journal;
    this.clock = clock;
    this.metrics = metrics;
  }

  @JobWorker(type = JobTypes.REFUND_PAYMENT)
  public RefundIssued refund(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId); // read only: the payment id; the refund is saved alone
    Refund refund = refunds.require(caseId);
    if (refund.settled()) {
      return new RefundIssued(refund.refundId());
    }
    if (refund.status() == RefundStatus.DECLINED) {
      throw declined("the payment provider declined this refund before");
    }
    if (refund.nothingDue()) {
      refunds.save(refund.nothingToRefund());
      journal.recordOnce(job, caseId, TimelineKind.DECISION, "Nothing to refund",
          Map.of("amount", refund.amount(), "idempotencyKey", refund.idempotencyKey()));
      return new RefundIssued(null);
    }
    RefundRequest request = new RefundRequest(c.getPaymentId(), refund.amount(), CURRENCY, refund.idempotencyKey());
    String refundId;
    try {
      // A plain call, not callOnce: the refund's settled state above is the record of an earlier success, written in
      // the job's transaction with the call's entry. A success whose save failed was rolled back with its entry, and
      // is asked again with the same key: the provider answers the refund it made (or refuses, reconciled below).
      refundId = journal.call(job, caseId, PaymentsClient.REFUNDS, request, () -> payments.refund(request)).refundId();
    } catch (RefundDeclinedException e) {
      Optional<FoundRefund> made = journal.call(job, caseId, PaymentsClient.REFUND_BY_KEY,
          Map.of("idempotencyKey", refund.idempotencyKey()), () -> payments.findRefund(refund.idempotencyKey()));
      if (made.isEmpty()) {
        refunds.save(refund.declined());
        throw declined(e.getMessage());
      }
      refundId = made.get().refundId();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("idempotencyKey", refund.idempotencyKey());
      details.put("refundId", refundId);
      details.put("providerAmount", made.get().amount());
      details.put("refusal", e.providerAnswer());
      journal.recordOnce(job, caseId, TimelineKind.DECISION, "Refund already made with this key: issued", details);
    }
    refunds.save(refund.issue(refundId, clock.instant()));
    metrics.refundIssued(refund.amount());
    return new RefundIssued(refundId);
  }

  private static RuntimeException declined(String message) {
    return CamundaError.bpmnError(ErrorCodes.REFUND_DECLINED, message);
  }
}
