package dev.aftersales.workers.risk;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.integration.risk.RiskClient;
import dev.aftersales.integration.risk.RiskClient.CustomerRisk;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Asks risk control about the customer of a blacklisted-customer exception, for the agent's risk review. */
@Component
public class CheckCustomerRiskWorker {

  public record RiskChecked(boolean blacklisted, String riskReason) {}

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final RiskClient risk;
  private final StepJournal journal;
  private final Clock clock;

  public CheckCustomerRiskWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      RiskClient risk, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.risk = risk;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CHECK_CUSTOMER_RISK)
  public RiskChecked check(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    CustomerRisk answer = journal.call(job, caseId, RiskClient.CUSTOMER, Map.of("customerId", c.getCustomerId()),
        () -> risk.customer(c.getCustomerId()));
    String reason = answer.blacklisted()
        ? (answer.reason() == null ? "blacklisted (no reason given)" : answer.reason())
        : "not blacklisted by risk control";
    c.touch(clock.instant());
    cases.save(c); // the case first: its version check
    exceptions.save(exception.riskChecked(reason));
    return new RiskChecked(answer.blacklisted(), reason);
  }
}
