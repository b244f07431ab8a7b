package dev.aftersales.workers.decision;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.oms.ProductPrices;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether the customer keeps the wrong item (DMN {@code wrong-item-handling}, through the
 * engine) from its value: OMS's unit price of each line's received sku × quantity. A value that is
 * not known — the customer did not say what arrived, or OMS does not know the sku — is passed as
 * null, which the decision treats as above the threshold: the item must come back.
 */
@Component
public class DecideWrongItemHandlingWorker {

  public record WrongItemDecided(boolean keepWrongItem, String wrongItemRule) {}

  private final CaseRepository cases;
  private final ProductPrices prices;
  private final EngineDecisions decisions;
  private final Clock clock;

  public DecideWrongItemHandlingWorker(CaseRepository cases, ProductPrices prices, EngineDecisions decisions,
      Clock clock) {
    this.cases = cases;
    this.prices = prices;
    this.decisions = decisions;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.DECIDE_WRONG_ITEM_HANDLING)
  public WrongItemDecided decide(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    if (c.getKeepWrongItem() == null) {
      BigDecimal value = wrongItemValue(job, c).orElse(null);
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("wrongItemValue", value);
      String decisionId = job.getCustomHeaders().getOrDefault(Headers.DECISION_ID, ProcessIds.WRONG_ITEM_HANDLING);
      Map<String, Object> outcome = decisions.evaluate(job, caseId, decisionId, inputs).result();
      if (!(outcome.get("keepWrongItem") instanceof Boolean keep)) {
        throw new IllegalStateException("decision " + decisionId + " gave no keepWrongItem for " + inputs);
      }
      c.wrongItemHandlingDecided(value, keep, (String) outcome.get("rule"));
      c.touch(clock.instant());
      cases.save(c);
    }
    return new WrongItemDecided(c.getKeepWrongItem(), c.getWrongItemRule());
  }

  private Optional<BigDecimal> wrongItemValue(ActivatedJob job, AfterSalesCase c) {
    BigDecimal value = BigDecimal.ZERO;
    for (ReturnLine line : c.getLines()) {
      if (line.receivedSku() == null) {
        return Optional.empty();
      }
      Optional<BigDecimal> price = prices.of(job, c.getId(), line.receivedSku());
      if (price.isEmpty()) {
        return Optional.empty();
      }
      value = value.add(price.get().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return Optional.of(value.setScale(2, RoundingMode.HALF_UP));
  }
}
