package dev.aftersales.intake;

import dev.aftersales.security.Caller;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.web.OpenedCase;
import dev.aftersales.web.RequestRejectedException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channels open after-sales cases here: 201 for a new case, 200 with the same case for a repeat. A
 * channel user opens cases only for the channels it is bound to (403 otherwise, docs/security.md).
 */
@RestController
class IntakeController {

  private final IntakeService intake;

  IntakeController(IntakeService intake) {
    this.intake = intake;
  }

  @PostMapping(ApiPaths.REQUESTS)
  ResponseEntity<OpenedCase> open(@Valid @RequestBody AfterSalesRequest request, Caller caller) {
    if (!caller.actsFor(request.channel())) {
      throw RequestRejectedException.forbidden("channel",
          "user " + caller.username() + " may not open cases for channel " + request.channel());
    }
    CaseOpening.Outcome outcome = intake.open(request, caller.username());
    return OpenedCase.answer(outcome.afterSalesCase(), outcome.created());
  }
}
