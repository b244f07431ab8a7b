package dev.aftersales.workers.cases;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.cases.FreightCredit;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.Refund;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.cases.RefundCalculation.Breakdown;
import dev.aftersales.cases.Shortage;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionOutcome.Decided;
import dev.aftersales.workers.DecisionOutcome.NoRuleMatched;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.StepJournal;
import dev.aftersales.workers.carrier.ReturnShippingCost;
import dev.aftersales.workers.decision.DecisionContext;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Calculates the refund once ({@link RefundCalculation}) and fixes its idempotency key with it, so
 * that every attempt of the payment sends the same amount under the same key. The {@code purpose}
 * header says what is refunded: the returned goods (no header), the price difference of a cheaper
 * exchange variant, or an order line cancelled because it cannot ship. For returned goods the
 * decision freight-responsibility says whether the shipping C, the insurer's payout P or nothing is credited. A case has one refund either way: the key is always {@code {caseId}:refund}.
 */
@Component
public class CalculateRefundWorker {

  /** The {@code purpose} header. */
  enum Purpose { RETURNED_GOODS, EXCHANGE_DIFFERENCE, CANCELLED_LINE }

  /** What finance needs when the provider declines and the refund is made by hand (forms/manual-refund.form). */
  public record RefundFacts(String refundAmount, String paymentMethod) {}

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;
  private final RefundRepository refunds;
  private final ShortageRepository shortages;
  private final ReturnShippingCost shippingCost;
  private final StepJournal journal;
  private final EngineDecisions decisions;
  private final DecisionContext context;

  public CalculateRefundWorker(CaseRepository cases, OrderSnapshotRepository snapshots, RefundRepository refunds,
      ShortageRepository shortages, ReturnShippingCost shippingCost,
      StepJournal journal, EngineDecisions decisions, DecisionContext context) {
    this.cases = cases;
    this.snapshots = snapshots;
    this.refunds = refunds;
    this.shortages = shortages;
    this.shippingCost = shippingCost;
    this.journal = journal;
    this.decisions = decisions;
    this.context = context;
  }

  @JobWorker(type = JobTypes.CALCULATE_REFUND)
  public RefundFacts calculate(ActivatedJob job, @Variable String caseId) {
    String header = job.getCustomHeaders().get(Headers.PURPOSE);
    Purpose purpose = header == null ? Purpose.RETURNED_GOODS : Purpose.valueOf(header);
    AfterSalesCase c = cases.require(caseId);
    Refund refund = refunds.findById(caseId).orElseGet(() -> switch (purpose) {
      case EXCHANGE_DIFFERENCE -> exchangeDifference(job, c);
      case CANCELLED_LINE -> cancelledLine(job, c);
      case RETURNED_GOODS -> returnedGoods(job, c);
    });
    return new RefundFacts(refund.amount().toPlainString(),
        c.getPaymentMethod() == null ? null : c.getPaymentMethod().name());
  }

  private Refund returnedGoods(ActivatedJob job, AfterSalesCase c) {
    String caseId = c.getId();
    Reason reason = c.getReason() != null ? c.getReason() : c.getStatedReason();
    boolean insured = c.isFreightInsurance();
    OrderSnapshot order = snapshots.require(caseId);
    FreightCredit credit = freightCredit(job, c, order);
    if (c.getFreightCost() == null && c.getTrackingNumber() != null && RefundCalculation.needsFreightCost(credit)) {
      // Uninsured merchant-fault returns never went through the claim, which asks the carrier.
      c.freightSettled(shippingCost.of(job, caseId, c.getTrackingNumber()), c.getInsuranceClaimId(),
          c.getInsurancePayout());
    }
    Breakdown breakdown = RefundCalculation.calculate(new RefundCalculation.Input(
        order.getOrderLines(), c.getLines(), Boolean.TRUE.equals(c.getPromotionWindow()),
        c.getDeductionAmount(), credit, c.getFreightCost(), c.getInsurancePayout()));
    Refund refund = save(c, breakdown);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", RefundCalculation.class.getSimpleName());
    details.put("reason", reason);
    details.put("freightCreditDecided", credit);
    details.put("promotionWindow", c.getPromotionWindow());
    details.put("freightInsured", insured);
    details.put("freightCost", c.getFreightCost());
    details.put("insurancePayout", c.getInsurancePayout());
    details.put("breakdown", breakdown);
    journal.decision(job, caseId, "Refund of %s CNY = lines %s − gifts %s − deduction %s + freight %s".formatted(
        breakdown.amount(), breakdown.linesAmount(), breakdown.giftDeduction(), breakdown.agentDeduction(),
        breakdown.freightCredit()), details);
    return refund;
  }

  /**
   * Who bears the return shipping is the decision freight-responsibility's, evaluated through the engine on the
   * case's documented facts (reason, freight insurance: docs/decisions.md). When no row matches (a gap an edit left),
   * the refund credits the full return shipping cost C, as for a merchant-fault return: the customer is never left
   * paying for a rule that is missing, and the timeline says that no rule decided.
   */
  private FreightCredit freightCredit(ActivatedJob job, AfterSalesCase c, OrderSnapshot order) {
    Map<String, Object> variables = Map.of(DecisionContext.FACTS, context.of(job, c, order, null, null, null));
    return switch (decisions.evaluate(job, c.getId(), ProcessIds.FREIGHT_RESPONSIBILITY, variables,
        "the refund credits the full return shipping cost, as for a merchant's fault")) {
      case Decided decided -> FreightCredit.valueOf(decided.result().requireText("freightCredit"));
      case NoRuleMatched none -> FreightCredit.COST;
    };
  }

  private Refund exchangeDifference(ActivatedJob job, AfterSalesCase c) {
    BigDecimal difference = Objects.requireNonNull(c.getPriceDifference(),
        "case " + c.getId() + " has no settled price difference");
    Breakdown breakdown = RefundCalculation.exchangeDifference(difference);
    Refund refund = save(c, breakdown);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", RefundCalculation.class.getSimpleName());
    details.put("purpose", Purpose.EXCHANGE_DIFFERENCE);
    details.put("priceDifference", difference);
    details.put("breakdown", breakdown);
    journal.decision(job, c.getId(), "Refund of the exchange price difference: %s CNY".formatted(breakdown.amount()),
        details);
    return refund;
  }

  private Refund cancelledLine(ActivatedJob job, AfterSalesCase c) {
    Shortage shortage = shortages.require(c.getId());
    Breakdown breakdown = RefundCalculation.cancelledLine(snapshots.require(c.getId()).getOrderLines(),
        shortage.orderedSku(), shortage.quantity());
    Refund refund = save(c, breakdown);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", RefundCalculation.class.getSimpleName());
    details.put("purpose", Purpose.CANCELLED_LINE);
    details.put("sku", shortage.orderedSku());
    details.put("quantity", shortage.quantity());
    details.put("breakdown", breakdown);
    journal.decision(job, c.getId(), "Full refund of the cancelled %d × %s: %s CNY".formatted(shortage.quantity(),
        shortage.orderedSku(), breakdown.amount()), details);
    return refund;
  }

  /**
   * The case too, not only the refund: its version check catches a payment reported meanwhile, which a
   * refunded exchange takes as late ({@code DuePayment}).
   */
  private Refund save(AfterSalesCase c, Breakdown breakdown) {
    cases.save(c); // its row and version, even with nothing else changed
    return refunds.save(Refund.calculated(c.getId(), breakdown, IdempotencyKeys.of(c.getId(), "refund")));
  }
}
