package dev.aftersales.tasks;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.RefundCalculation;
import dev.aftersales.web.FieldProblem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The business limits of a form's answers that the form cannot know because they depend on the case:
 * a refund deduction takes at most what was paid for the returned lines. The form's own rules are in
 * {@link FormRules}; both run before anything reaches the engine.
 */
@Component
public class CompletionLimits {

  static final String REFUND_DEDUCTION = "refund-deduction";
  static final String DEDUCTION_AMOUNT = "deductionAmount";

  private final CaseRepository cases;
  private final OrderSnapshotRepository snapshots;

  public CompletionLimits(CaseRepository cases, OrderSnapshotRepository snapshots) {
    this.cases = cases;
    this.snapshots = snapshots;
  }

  /** Problems with answers that keep the form's rules; {@code caseId} is the task's case (null: none). */
  public List<FieldProblem> check(String formId, String caseId, Map<String, ?> submitted, String prefix) {
    if (!REFUND_DEDUCTION.equals(formId) || caseId == null
        || !(submitted.get(DEDUCTION_AMOUNT) instanceof Number amount)) {
      return List.of();
    }
    Optional<AfterSalesCase> found = cases.findById(caseId);
    if (found.isEmpty()) {
      return List.of();
    }
    AfterSalesCase c = found.get();
    BigDecimal refundable = RefundCalculation.linesPaid(snapshots.require(caseId).getOrderLines(), c.getLines());
    if (new BigDecimal(amount.toString()).compareTo(refundable) > 0) {
      return List.of(new FieldProblem(prefix + DEDUCTION_AMOUNT,
          "must be at most " + refundable.toPlainString() + ", what was paid for the returned lines"));
    }
    return List.of();
  }
}
