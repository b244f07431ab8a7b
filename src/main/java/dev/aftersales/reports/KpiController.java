package dev.aftersales.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPIs for process owners, auditors and agents (docs/kpis.md): the period's figures and their series per
 * day, as JSON, or as CSV with {@code ?format=csv} or {@code Accept: text/csv}.
 */
@RestController
class KpiController {

  private final KpiQueries queries;
  private final KpiSeries series;
  private final ObjectMapper json;
  private final Clock clock;

  KpiController(KpiQueries queries, KpiSeries series, ObjectMapper json, Clock clock) {
    this.queries = queries;
    this.series = series;
    this.json = json;
    this.clock = clock;
  }

  /**
   * @param from first business day (ISO date, Asia/Shanghai), included; default: 29 days before {@code to}
   * @param to last business day, included; default: today
   * @param format {@code json} (default) or {@code csv}
   */
  @GetMapping(value = ApiPaths.KPIS, produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
  ResponseEntity<?> kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
      String accept) {
    boolean csv = wantsCsv(format, accept);
    Instant now = clock.instant();
    KpiReport report = queries.report(period(from, to, now), now);
    return csv ? csvFile(Csv.figures(json, report), "kpis-" + report.from() + "-" + report.to())
        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }

  /** One point per business day of the period, for charts over time; parameters as {@link #kpis}. */
  @GetMapping(value = ApiPaths.KPI_SERIES, produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
  ResponseEntity<?> series(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
      String accept) {
    boolean csv = wantsCsv(format, accept);
    KpiSeries.Series days = series.series(period(from, to, clock.instant()));
    return csv ? csvFile(Csv.rows(json, days.days()), "kpi-series-" + days.from() + "-" + days.to())
        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(days);
  }

  private static ReportPeriod period(String from, String to, Instant now) {
    return ReportPeriod.of(from, to, LocalDate.ofInstant(now, BusinessCalendar.ZONE));
  }

  /** {@code format} wins over {@code Accept}; a format other than json or csv is a 400 naming it. */
  private static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.strip()) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Invalid request",
            "Invalid parameter: format", List.of(new FieldProblem("format", "must be json or csv")));
      };
    }
    return accept != null && accept.contains(Csv.MEDIA_TYPE) && !accept.contains(MediaType.APPLICATION_JSON_VALUE);
  }

  private static ResponseEntity<String> csvFile(String body, String name) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
        .body(body);
  }
}
