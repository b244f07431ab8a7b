package dev.aftersales.reports;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.web.ApiPaths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The KPIs for process owners, auditors and agents (docs/kpis.md). */
@RestController
class KpiController {

  private final KpiQueries queries;
  private final Clock clock;

  KpiController(KpiQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  /**
   * @param from first business day (ISO date, Asia/Shanghai), included; default: 29 days before {@code to}
   * @param to last business day, included; default: today
   */
  @GetMapping(ApiPaths.KPIS)
  KpiReport kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Instant now = clock.instant();
    ReportPeriod period = ReportPeriod.of(from, to, LocalDate.ofInstant(now, BusinessCalendar.ZONE));
    return queries.report(period, now);
  }
}
