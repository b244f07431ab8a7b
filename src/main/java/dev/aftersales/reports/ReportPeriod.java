package dev.aftersales.reports;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Whole business days (Asia/Shanghai), both ends included: {@code [start of from, start of the day after to)}.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  /** The first instant of the period. */
  public Instant start() {
    return from.atStartOfDay(BusinessCalendar.ZONE).toInstant();
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(BusinessCalendar.ZONE).toInstant();
  }

  /**
   * The period the query parameters ask for; absent or blank ones default to the last
   * {@value #DEFAULT_DAYS} days up to {@code today}. Every bad parameter is named in one 400.
   */
  public static ReportPeriod of(String fromParam, String toParam, LocalDate today) {
    List<FieldProblem> problems = new ArrayList<>();
    boolean toGiven = given(toParam);
    LocalDate to = toGiven ? parse("to", toParam, problems) : today;
    LocalDate from = given(fromParam) ? parse("from", fromParam, problems)
        : to != null ? to.minusDays(DEFAULT_DAYS - 1) : null;
    if (from != null && to != null) {
      // A rule between the two ends is reported on the end the client sent; on from when to was defaulted.
      String field = toGiven ? "to" : "from";
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      if (days < 1) {
        problems.add(new FieldProblem(field, toGiven
            ? "must not be before from (" + from + ")"
            : "must not be after to (" + to + ", today by default)"));
      } else if (days > MAX_DAYS) {
        problems.add(new FieldProblem(field, "the period from %s to %s has %d days; at most %d are allowed"
            .formatted(from, to, days, MAX_DAYS)));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(FieldProblem::field));
      List<String> fields = problems.stream().map(FieldProblem::field).distinct().toList();
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
          "Invalid parameter%s: %s".formatted(fields.size() == 1 ? "" : "s", String.join(", ", fields)), problems);
    }
    return new ReportPeriod(from, to);
  }

  private static boolean given(String param) {
    return param != null && !param.isBlank();
  }

  private static LocalDate parse(String field, String value, List<FieldProblem> problems) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be an ISO date (yyyy-MM-dd), not '" + value + "'"));
      return null;
    }
  }
}
