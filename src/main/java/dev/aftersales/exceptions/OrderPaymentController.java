package dev.aftersales.exceptions;

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

/** Channels report the payment of an order whose payment had failed; 202: the process releases it. */
@RestController
class OrderPaymentController {

  private final OrderPaymentService payments;
  private final CaseRepository cases;

  OrderPaymentController(OrderPaymentService payments, CaseRepository cases) {
    this.payments = payments;
    this.cases = cases;
  }

  /** A case of a channel the user is not bound to answers 404, as for reading it (docs/security.md). */
  @PostMapping(ApiPaths.ORDER_PAYMENTS)
  ResponseEntity<Void> paid(@PathVariable String caseId, @Valid @RequestBody OrderPaymentRequest payment,
      Caller caller) {
    AfterSalesCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    if (!caller.actsFor(c.getChannel())) {
      throw new CaseNotFoundException(caseId);
    }
    payments.paid(c, payment, caller.username());
    return ResponseEntity.accepted().build();
  }
}
