package dev.aftersales.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request is well-formed but breaks a business rule (unknown order, item not in the order, case
 * in the wrong state …). Rendered as problem+json; {@code errors} names the fields at fault.
 */
public class RequestRejectedException extends ErrorResponseException {

  public RequestRejectedException(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    super(status, problem(status, title, detail, errors), null);
  }

  public static RequestRejectedException unprocessable(String detail, List<FieldProblem> errors) {
    return new RequestRejectedException(HttpStatus.UNPROCESSABLE_ENTITY, "Request rejected", detail, errors);
  }

  public static RequestRejectedException unprocessable(String field, String message) {
    return unprocessable(message, List.of(new FieldProblem(field, message)));
  }

  /** The caller may not act on this channel's orders or cases (docs/security.md). */
  public static RequestRejectedException forbidden(String field, String message) {
    return new RequestRejectedException(HttpStatus.FORBIDDEN, "Forbidden", message,
        List.of(new FieldProblem(field, message)));
  }

  /** The case is not in a state for this request; {@code errors} names {@code caseId}, the case at odds. */
  public static RequestRejectedException conflict(String detail) {
    return new RequestRejectedException(HttpStatus.CONFLICT, "Conflict with the case's state", detail,
        List.of(new FieldProblem("caseId", detail)));
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }
}
