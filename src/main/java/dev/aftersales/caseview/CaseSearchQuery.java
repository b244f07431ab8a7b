package dev.aftersales.caseview;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.CaseType;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The filters of {@code GET /api/after-sales/cases}, checked: every bad parameter is named in one 400.
 * {@code from}/{@code to} are business days (Asia/Shanghai) of the request time, both included.
 */
record CaseSearchQuery(String orderId, String customerId, String channel, CaseType type, CaseStatus status,
    Instant start, Instant end, int page, int size) {

  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;
  private static final int MAX_ID_LENGTH = 100;

  /** The raw query parameters, as strings, so that a bad one is named rather than answered with a type error. */
  record Params(String orderId, String customerId, String channel, String type, String status, String from, String to,
      String page, String size) {}

  static CaseSearchQuery of(Params p) {
    List<FieldProblem> problems = new ArrayList<>();
    String orderId = id("orderId", p.orderId(), problems);
    String customerId = id("customerId", p.customerId(), problems);
    String channel = id("channel", p.channel(), problems);
    CaseType type = constant("type", p.type(), CaseType.class, problems);
    CaseStatus status = constant("status", p.status(), CaseStatus.class, problems);
    LocalDate from = date("from", p.from(), problems);
    LocalDate to = date("to", p.to(), problems);
    if (from != null && to != null && to.isBefore(from)) {
      problems.add(new FieldProblem("to", "must not be before from (" + from + ")"));
    }
    int page = number("page", p.page(), 0, 0, Integer.MAX_VALUE / MAX_SIZE, problems);
    int size = number("size", p.size(), DEFAULT_SIZE, 1, MAX_SIZE, problems);
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(FieldProblem::field));
      List<String> fields = problems.stream().map(FieldProblem::field).distinct().toList();
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          "Invalid parameter%s: %s".formatted(fields.size() == 1 ? "" : "s", String.join(", ", fields)), problems);
    }
    return new CaseSearchQuery(orderId, customerId, channel, type, status,
        from == null ? null : from.atStartOfDay(BusinessCalendar.ZONE).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(BusinessCalendar.ZONE).toInstant(), page, size);
  }

  CaseSearchQuery withChannel(String onlyChannel) {
    return new CaseSearchQuery(orderId, customerId, onlyChannel, type, status, start, end, page, size);
  }

  private static boolean given(String value) {
    return value != null && !value.isBlank();
  }

  private static String id(String field, String value, List<FieldProblem> problems) {
    if (!given(value)) {
      return null;
    }
    if (value.strip().length() > MAX_ID_LENGTH) {
      problems.add(new FieldProblem(field, "must be at most " + MAX_ID_LENGTH + " characters"));
      return null;
    }
    return value.strip();
  }

  private static <E extends Enum<E>> E constant(String field, String value, Class<E> type, List<FieldProblem> problems) {
    if (!given(value)) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
      return null;
    }
  }

  private static LocalDate date(String field, String value, List<FieldProblem> problems) {
    if (!given(value)) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be an ISO date (yyyy-MM-dd), not '" + value + "'"));
      return null;
    }
  }

  private static int number(String field, String value, int absent, int min, int max, List<FieldProblem> problems) {
    if (!given(value)) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    problems.add(new FieldProblem(field, "must be a whole number from %d to %d".formatted(min, max)));
    return absent;
  }
}
