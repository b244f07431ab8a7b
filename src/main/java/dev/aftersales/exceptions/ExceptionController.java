package dev.aftersales.exceptions;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.security.Caller;
import dev.aftersales.security.Role;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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

  record OpenedCase(String caseId, CaseStatus status) {}

  @PostMapping(ApiPaths.ORDER_EXCEPTIONS)
  ResponseEntity<OpenedCase> report(
      @PathVariable String orderId, @Valid @RequestBody ExceptionReport report, Caller caller) {
    if (orderId.length() > 64 || orderId.contains(":") || orderId.contains("/")) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid field: orderId",
          List.of(new FieldProblem("orderId", "must be at most 64 characters without ':' or '/'")));
    }
    // The warehouse ships every channel's orders; a channel user reports only its own channels' (docs/security.md).
    Predicate<String> mayReportFor = channel -> caller.has(Role.WAREHOUSE) || caller.actsFor(channel);
    ExceptionService.Outcome outcome = exceptions.report(orderId, report, caller.username(), mayReportFor);
    AfterSalesCase c = outcome.afterSalesCase();
    URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
        .path(ApiPaths.CASE).buildAndExpand(c.getId()).toUri();
    ResponseEntity.BodyBuilder answer = outcome.created()
        ? ResponseEntity.created(location)
        : ResponseEntity.ok().location(location);
    return answer.body(new OpenedCase(c.getId(), c.getStatus()));
  }
}
