package dev.aftersales.workers.carrier;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.carrier.CarrierClient;
import dev.aftersales.integration.carrier.CarrierClient.Coverage;
import dev.aftersales.integration.carrier.CarrierClient.CoveringCarrier;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A carrier that does not serve the region: asks carrier coverage which carriers serve it for the order's
 * weight and value and takes one — a premium carrier when the order is worth at least the decision's
 * {@code premiumCarrierFrom}, else an ordinary one — never the carrier that was refused. None: the model
 * hands it to the warehouse team.
 */
@Component
public class SwitchCarrierWorker {

  public record CarrierSwitched(boolean carrierFound, String chosenCarrier) {}

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final CarrierClient carrier;
  private final StepJournal journal;
  private final Clock clock;

  public SwitchCarrierWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      CarrierClient carrier, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.carrier = carrier;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SWITCH_CARRIER)
  public CarrierSwitched switchCarrier(ActivatedJob job, @Variable String caseId,
      @Variable BigDecimal premiumCarrierFrom) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.chosenCarrier() != null) {
      return new CarrierSwitched(true, exception.chosenCarrier());
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("region", exception.region());
    query.put("weightGrams", exception.weightGrams());
    query.put("value", exception.orderAmount());
    Coverage coverage = journal.call(job, caseId, CarrierClient.COVERAGE, query,
        () -> carrier.coverage(exception.region(), exception.weightGrams() == null ? 0 : exception.weightGrams(),
            exception.orderAmount()));
    Optional<String> chosen = choose(coverage.carriers(), exception.carrier(),
        premiumCarrierFrom != null && exception.orderAmount().compareTo(premiumCarrierFrom) >= 0);
    if (chosen.isEmpty()) {
      return new CarrierSwitched(false, null);
    }
    c.touch(clock.instant());
    cases.save(c); // the case first: its version check
    exceptions.save(exception.carrierChosen(chosen.get()));
    return new CarrierSwitched(true, chosen.get());
  }

  /** The first serving carrier of the wanted service, else the first of the other; never the refused one. */
  static Optional<String> choose(List<CoveringCarrier> serving, String refused, boolean premiumWanted) {
    List<CoveringCarrier> candidates = serving.stream().filter(s -> s.carrier() != null)
        .filter(s -> !s.carrier().equalsIgnoreCase(refused == null ? "" : refused)).toList();
    return candidates.stream().filter(s -> s.premium() == premiumWanted).findFirst()
        .or(() -> candidates.stream().findFirst())
        .map(CoveringCarrier::carrier);
  }
}
