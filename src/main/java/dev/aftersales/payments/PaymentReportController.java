package dev.aftersales.payments;

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

/**
 * Channels report a payment a case asked the customer for: an exchange's price difference, or an exception
 * order paid through its pay link. 202: the process takes it from here, or it came too late and is refunded.
 */
@RestController
class PaymentReportController {

  private final PaymentReports payments;
  private final CaseRepository cases;

  PaymentReportController(PaymentReports payments, CaseRepository cases) {
    this.payments = payments;
    this.cases = cases;
  }

  @PostMapping(ApiPaths.DIFFERENCE_PAYMENTS)
  ResponseEntity<Void> differencePaid(@PathVariable String caseId,
      @Valid @RequestBody DifferencePaymentRequest payment, Caller caller) {
    return reported(caseId, DuePayment.Kind.PRICE_DIFFERENCE,
        new ReportedPayment(payment.paymentId(), payment.amount()), caller);
  }

  @PostMapping(ApiPaths.ORDER_PAYMENTS)
  ResponseEntity<Void> orderPaid(@PathVariable String caseId, @Valid @RequestBody OrderPaymentRequest payment,
      Caller caller) {
    return reported(caseId, DuePayment.Kind.ORDER, new ReportedPayment(payment.paymentId(), null), caller);
  }

  /** A case of a channel the user is not bound to answers 404, as for reading it (docs/security.md). */
  private ResponseEntity<Void> reported(String caseId, DuePayment.Kind kind, ReportedPayment payment, Caller caller) {
    AfterSalesCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    if (!caller.actsFor(c.getChannel())) {
      throw new CaseNotFoundException(caseId);
    }
    payments.reported(c, kind, payment, caller.username());
    return ResponseEntity.accepted().build();
  }
}
