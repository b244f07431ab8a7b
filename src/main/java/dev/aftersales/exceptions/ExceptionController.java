package dev.aftersales.exceptions;

import dev.aftersales.intake.CaseOpening;
import dev.aftersales.security.Caller;
import dev.aftersales.security.Role;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.web.OpenedCase;
import jakarta.validation.Valid;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order platform (through its channel's user) or the warehouse reports an order that cannot be
 * released: 201 for a new case, 200 with the open case of the same order and type.
 */
@RestController
class ExceptionController {

  private final ExceptionService exceptions;

  ExceptionController(ExceptionService exceptions) {
    this.exceptions = exceptions;
  }

  @PostMapping(ApiPaths.ORDER_EXCEPTIONS)
  ResponseEntity<OpenedCase> report(
      @PathVariable String orderId, @Valid @RequestBody ExceptionReport report, Caller caller) {
    OpenedCase.requireOrderIdOfPath(orderId);
    // The warehouse ships every channel's orders; a channel user reports only its own channels' (docs/security.md).
    Predicate<String> mayReportFor = channel -> caller.has(Role.WAREHOUSE) || caller.actsFor(channel);
    CaseOpening.Outcome outcome = exceptions.report(orderId, report, caller.username(), mayReportFor);
    return OpenedCase.answer(outcome.afterSalesCase(), outcome.created());
  }
}
