package dev.aftersales.caseview;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseNotFoundException;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.tasks.CaseTasks;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.web.ApiPaths;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read side of a case for channels, agents and auditors: the case and its audit trail. */
@RestController
class CaseViewController {

  private final CaseRepository cases;
  private final Timeline timeline;
  private final CaseTasks tasks;
  private final Clock clock;

  CaseViewController(CaseRepository cases, Timeline timeline, CaseTasks tasks, Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.tasks = tasks;
    this.clock = clock;
  }

  /** The case from the case store with its human tasks from the engine ({@code tasks: null} when its search does not answer). */
  @GetMapping(ApiPaths.CASE)
  CaseView get(@PathVariable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    return CaseView.of(c, tasks.of(c).orElse(null), clock.instant());
  }

  /** Oldest first. A case without entries is still a case; an unknown id is a 404. */
  @GetMapping(ApiPaths.CASE_TIMELINE)
  List<TimelineEntryView> timeline(@PathVariable String caseId) {
    if (!cases.existsById(caseId)) {
      throw new CaseNotFoundException(caseId);
    }
    return timeline.of(caseId).stream().map(TimelineEntryView::of).toList();
  }
}
