package dev.aftersales.exchange;

import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Channels report a paid exchange difference; 202 because the process takes it from here asynchronously. */
@RestController
class DifferencePaymentController {

  private final DifferencePaymentService payments;

  DifferencePaymentController(DifferencePaymentService payments) {
    this.payments = payments;
  }

  @PostMapping(ApiPaths.DIFFERENCE_PAYMENTS)
  ResponseEntity<Void> paid(@PathVariable String caseId, @Valid @RequestBody DifferencePaymentRequest payment,
      Principal user) {
    payments.paid(caseId, payment, user.getName());
    return ResponseEntity.accepted().build();
  }
}
