package dev.aftersales.web;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseStatus;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The answer of every endpoint that opens a case (requests, shortages, exception orders): 201 with the new
 * case, 200 with the case a repeat of the same report or request found; both with the case's location.
 */
public record OpenedCase(String caseId, CaseStatus status) {

  public static ResponseEntity<OpenedCase> answer(AfterSalesCase c, boolean created) {
    URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
        .path(ApiPaths.CASE).buildAndExpand(c.getId()).toUri();
    ResponseEntity.BodyBuilder answer = created ? ResponseEntity.created(location) : ResponseEntity.ok().location(location);
    return answer.body(new OpenedCase(c.getId(), c.getStatus()));
  }

  /** An order id in the path becomes part of keys ({@code {orderId}:{sku}}): at most 64 characters, no ':' or '/'. */
  public static void requireOrderIdOfPath(String orderId) {
    if (orderId.length() > 64 || orderId.contains(":") || orderId.contains("/")) {
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid field: orderId",
          List.of(new FieldProblem("orderId", "must be at most 64 characters without ':' or '/'")));
    }
  }
}
