package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Channels open after-sales cases here: 201 for a new case, 200 with the same case for a repeat. */
@RestController
class IntakeController {

  private final IntakeService intake;

  IntakeController(IntakeService intake) {
    this.intake = intake;
  }

  record OpenedCase(String caseId, CaseStatus status) {}

  @PostMapping(ApiPaths.REQUESTS)
  ResponseEntity<OpenedCase> open(@Valid @RequestBody AfterSalesRequest request) {
    IntakeService.Outcome outcome = intake.open(request);
    AfterSalesCase c = outcome.afterSalesCase();
    URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
        .path(ApiPaths.CASE).buildAndExpand(c.getId()).toUri();
    ResponseEntity.BodyBuilder answer = outcome.created()
        ? ResponseEntity.created(location)
        : ResponseEntity.ok().location(location);
    return answer.body(new OpenedCase(c.getId(), c.getStatus()));
  }
}
