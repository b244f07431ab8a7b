package dev.aftersales.workers.address;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.address.AddressClient;
import dev.aftersales.integration.address.AddressClient.Normalized;
import dev.aftersales.process.JobTypes;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Has the address service complete the exception order's address. The address is personal data: it goes to
 * the service and into the case store, never into a process variable or the timeline, which records the
 * call with its outcome and confidence only. The model compares the confidence with the decision's.
 */
@Component
public class CompleteAddressWorker {

  public record AddressCompleted(BigDecimal addressConfidence) {}

  private final CaseRepository cases;
  private final OrderExceptionRepository exceptions;
  private final AddressClient addresses;
  private final StepJournal journal;
  private final Clock clock;

  public CompleteAddressWorker(CaseRepository cases, OrderExceptionRepository exceptions,
      AddressClient addresses, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.exceptions = exceptions;
    this.addresses = addresses;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.COMPLETE_ADDRESS)
  public AddressCompleted complete(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    OrderException exception = exceptions.require(caseId);
    if (exception.addressConfidence() != null) {
      return new AddressCompleted(exception.addressConfidence());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("system", AddressClient.NORMALIZATION.system().key());
    details.put("call", AddressClient.NORMALIZATION.call());
    details.put("request", Map.of("address", "(personal data, not recorded)"));
    Normalized normalized;
    try {
      normalized = addresses.normalize(exception.address() == null ? "" : exception.address());
    } catch (RuntimeException e) {
      details.put("outcome", "FAILED");
      details.put("error", e.getClass().getSimpleName()); // its message may quote the address
      journal.record(job, caseId, TimelineKind.EXTERNAL_CALL, "Address service normalization failed", details);
      throw e;
    }
    BigDecimal confidence = normalized.confidence() == null ? BigDecimal.ZERO : normalized.confidence();
    details.put("outcome", "OK");
    details.put("response", Map.of("confidence", confidence, "normalized", normalized.normalized() != null));
    journal.record(job, caseId, TimelineKind.EXTERNAL_CALL, "Address service " + AddressClient.NORMALIZATION.call(),
        details);
    c.touch(clock.instant());
    cases.save(c); // the case first: its version check
    exceptions.save(exception.addressCompleted(normalized.normalized(), confidence));
    return new AddressCompleted(confidence);
  }
}
