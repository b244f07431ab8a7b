package dev.aftersales.workers.decision;

import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.DecisionOutcome;
import dev.aftersales.workers.DecisionOutcome.Decided;
import dev.aftersales.workers.DecisionOutcome.NoRuleMatched;
import dev.aftersales.workers.DecisionResult;
import dev.aftersales.workers.EngineDecisions;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The end listener of "Decide shortage handling": the engine evaluated {@code shortage-handling} (ship at
 * once, wait for an arrival within the promised window, or ask the customer, with the options to offer
 * and, for a bundle, the gift). This records the evaluation, keeps the outcome and the rule that matched on
 * the case, and hands the contact form its options and the substitute order its policy (gift quantity,
 * price tolerance). No matching row is not an incident: the customer is asked ({@link #undecided}).
 */
@Component
public class RecordShortageHandlingWorker {

  /** The result variable of the business rule task. */
  public static final String RESULT = "shortageDecision";

  /** What the process does when no row matches: the gateway's default flow to the contact task. */
  static final String AGENT_ASKS_CUSTOMER = "an agent asks the customer (cancel, wait for a known arrival date, "
      + "or a same-price substitute)";

  /** The outcome and the customer's answers the model routes (gateways "How to handle the shortage?" and "Customer's choice?"). */
  private static final String CONTACT_CUSTOMER = "CONTACT_CUSTOMER";
  private static final String CANCEL = "CANCEL";
  private static final String WAIT = "WAIT";
  private static final String SUBSTITUTE = "SUBSTITUTE";

  /** A substitute replaces the line at the same price unless a row of the policy allows a difference. */
  private static final BigDecimal SAME_PRICE = BigDecimal.ZERO;

  public record ShortageHandlingRecorded(List<String> contactOptions, String giftSku, BigDecimal giftQuantity,
      BigDecimal substitutePriceTolerance) {}

  private final ShortageRepository shortages;
  private final EngineDecisions decisions;

  public RecordShortageHandlingWorker(ShortageRepository shortages, EngineDecisions decisions) {
    this.shortages = shortages;
    this.decisions = decisions;
  }

  @JobWorker(type = JobTypes.RECORD_SHORTAGE_HANDLING)
  public ShortageHandlingRecorded record(ActivatedJob job, @Variable String caseId,
      @Variable Map<String, Object> facts, @Variable(name = RESULT) Object shortageDecision) {
    Shortage shortage = shortages.require(caseId); // the decision is the backorder's: the case is not read
    DecisionOutcome outcome = decisions.record(job, caseId, ProcessIds.SHORTAGE_HANDLING, facts, shortageDecision,
        AGENT_ASKS_CUSTOMER);
    return switch (outcome) {
      case Decided decided -> decided(shortage, decided);
      case NoRuleMatched none -> undecided(shortage, none, facts);
    };
  }

  private ShortageHandlingRecorded decided(Shortage shortage, Decided decided) {
    DecisionResult result = decided.result();
    String handling = result.requireText("shortageHandling");
    String giftSku = result.text("giftSku");
    shortages.save(shortage.decided(handling, decided.evaluation().decidedBy(), giftSku));
    List<String> options = result.output().get("contactOptions") instanceof List<?> list
        ? list.stream().map(String::valueOf).toList() : List.of();
    return new ShortageHandlingRecorded(options, giftSku, result.number("giftQuantity"),
        result.number("substitutePriceTolerance"));
  }

  /**
   * No row matched (a process owner's edit left a gap): the gateway's default flow has an agent contact the
   * customer, whose answer decides. The agent may offer what needs no number of the missing row: cancel, a
   * substitute at exactly the ordered item's price (no tolerance and no gift, which only a row can grant), and
   * waiting only when the warehouse named an arrival date (without one the wait would need the row's recheck period).
   */
  private ShortageHandlingRecorded undecided(Shortage shortage, NoRuleMatched none, Map<String, Object> facts) {
    shortages.save(shortage.decided(CONTACT_CUSTOMER, none.rule(), null));
    List<String> options = facts.get("daysUntilArrival") == null ? List.of(CANCEL, SUBSTITUTE)
        : List.of(CANCEL, WAIT, SUBSTITUTE);
    return new ShortageHandlingRecorded(options, null, null, SAME_PRICE);
  }
}
