package dev.aftersales.outofstock;

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

/** The order platform or the warehouse reports a line that cannot ship: 201 for a new case, 200 for a repeat. */
@RestController
class ShortageController {

  private final ShortageService shortages;

  ShortageController(ShortageService shortages) {
    this.shortages = shortages;
  }

  @PostMapping(ApiPaths.SHORTAGES)
  ResponseEntity<OpenedCase> report(
      @PathVariable String orderId, @Valid @RequestBody ShortageReport report, Caller caller) {
    OpenedCase.requireOrderIdOfPath(orderId);
    // The warehouse ships every channel's orders; a channel user reports only its own channels' (docs/security.md).
    Predicate<String> mayReportFor = channel -> caller.has(Role.WAREHOUSE) || caller.actsFor(channel);
    CaseOpening.Outcome outcome = shortages.report(orderId, report, caller.username(), mayReportFor);
    return OpenedCase.answer(outcome.afterSalesCase(), outcome.created());
  }
}
