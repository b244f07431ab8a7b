package dev.aftersales.exchange;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseNotFoundException;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.security.Caller;
import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Channels report a paid exchange difference; 202 because the process takes it from here asynchronously. */
@RestController
class DifferencePaymentController {

  private final DifferencePaymentService payments;
  private final CaseRepository cases;

  DifferencePaymentController(DifferencePaymentService payments, CaseRepository cases) {
    this.payments = payments;
    this.cases = cases;
  }

  /** A case of a channel the user is not bound to answers 404, as for reading it (docs/security.md). */
  @PostMapping(ApiPaths.DIFFERENCE_PAYMENTS)
  ResponseEntity<Void> paid(@PathVariable String caseId, @Valid @RequestBody DifferencePaymentRequest payment,
      Caller caller) {
    AfterSalesCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    if (!caller.actsFor(c.getChannel())) {
      throw new CaseNotFoundException(caseId);
    }
    payments.paid(caseId, payment, caller.username());
    return ResponseEntity.accepted().build();
  }
}
