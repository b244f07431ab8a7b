package dev.aftersales.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.aftersales.cases.CaseNotFoundException;
import dev.aftersales.integration.ExternalSystemException;
import dev.aftersales.models.InvalidModelException;
import dev.aftersales.models.ModelNotFoundException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API is application/problem+json. A 400 lists every bad field in {@code errors}
 * ({@code field}, {@code message}), so a channel fixes its request in one round trip.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final String INVALID_REQUEST = "Invalid request";

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Cross-field rules report on fields too, so an object-level error is rare; it is listed under "".
    List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
        .map(e -> new FieldProblem(e instanceof FieldError f ? f.getField() : "", e.getDefaultMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
        .toList();
    List<String> fields = errors.stream().map(FieldProblem::field).distinct().toList();
    String detail = fields.isEmpty()
        ? "The request is invalid."
        : "Invalid field%s: %s".formatted(fields.size() == 1 ? "" : "s", String.join(", ", fields));
    return badRequest(detail, errors, ex, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getCause();
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      return badRequest("Invalid field: " + field, List.of(new FieldProblem(field, expected(mapping))), ex, headers,
          request);
    }
    if (cause instanceof JsonParseException parse) {
      JsonLocation at = parse.getLocation();
      String message = "is not valid JSON (line %d, column %d): %s"
          .formatted(at.getLineNr(), at.getColumnNr(), parse.getOriginalMessage());
      return badRequest("The body " + message, List.of(new FieldProblem("body", message)), ex, headers, request);
    }
    if (cause instanceof MismatchedInputException) {
      return badRequest("The body must be a JSON object.",
          List.of(new FieldProblem("body", "must be a JSON object")), ex, headers, request);
    }
    return badRequest("The request body is missing or unreadable.",
        List.of(new FieldProblem("body", "is missing or unreadable")), ex, headers, request);
  }

  /**
   * What the field must be. Numbers and booleans are strict (StrictJson): {@code 1.9} and {@code "2"} are
   * not a quantity, {@code "true"} is not a boolean.
   */
  private static String expected(JsonMappingException ex) {
    Class<?> type = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    if (type == null) {
      return "cannot be read: " + ex.getOriginalMessage();
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be a whole JSON number within range (not a fraction, not a string)";
    }
    if (type == BigDecimal.class) {
      return "must be a JSON number (not a string)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false (not a string or number)";
    }
    if (type == String.class) {
      return "must be a JSON string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a JSON array";
    }
    return "must be a JSON object";
  }

  @ExceptionHandler(CaseNotFoundException.class)
  ProblemDetail caseNotFound(CaseNotFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setTitle("Case not found");
    problem.setProperty("errors", List.of(new FieldProblem("caseId", "no such case")));
    return problem;
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ProblemDetail modelNotFound(ModelNotFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setTitle("Model not found");
    problem.setProperty("errors", List.of(new FieldProblem("id", "no deployed model with this id")));
    return problem;
  }

  /** An uploaded candidate model (what-if) that cannot be parsed or evaluated: the reason names the problem. */
  @ExceptionHandler(InvalidModelException.class)
  ProblemDetail invalidModel(InvalidModelException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The DMN " + ex.getMessage());
    problem.setTitle(INVALID_REQUEST);
    problem.setProperty("errors", List.of(new FieldProblem("dmn", ex.getMessage())));
    return problem;
  }

  /** Two writers changed the same case at once; the loser's change was not applied and may be sent again. */
  @ExceptionHandler(OptimisticLockingFailureException.class)
  ProblemDetail concurrentChange(OptimisticLockingFailureException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "The case changed while this request was processed; nothing was changed. Send the request again.");
    problem.setTitle("Concurrent change");
    return problem;
  }

  @ExceptionHandler(ExternalSystemException.class)
  ResponseEntity<ProblemDetail> externalSystemDown(ExternalSystemException ex) {
    log.warn("Answering 503: {}", ex.getMessage());
    log.debug("Cause of the 503", ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        ex.system().displayName() + " is unavailable; nothing was changed. Try again later.");
    problem.setTitle("A surrounding system is unavailable");
    problem.setProperty("system", ex.system().key());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
  }

  /**
   * The case store could not be reached, or a connection was lost while the request ran (before its commit, or
   * during it: then the outcome is unknown). Answered 503 with Retry-After, never left to the container: the
   * fault campaign saw such a request answered 200 with an empty body, and a channel that is told "accepted"
   * does not send its payment again. Every write of the API is idempotent by its ids (the channel's request id,
   * the payment id, the receipt's case and items, the arrival id), so sending the same request again either
   * makes the change or finds it made.
   */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
      RecoverableDataAccessException.class, QueryTimeoutException.class, CannotCreateTransactionException.class,
      TransactionSystemException.class})
  ResponseEntity<ProblemDetail> caseStoreUnavailable(Exception ex) {
    log.warn("Answering 503, the case store did not serve the request: {}", ex.getMessage());
    log.debug("Cause of the 503", ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The case store did not answer; send the same request again (it is applied once).");
    problem.setTitle("Case store unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
  }

  private ResponseEntity<Object> badRequest(
      String detail, List<FieldProblem> errors, Exception ex, HttpHeaders headers, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle(INVALID_REQUEST);
    problem.setProperty("errors", errors);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** {@code lines[0].quantity} from Jackson's reference chain. */
  private static String path(JsonMappingException ex) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : ex.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
