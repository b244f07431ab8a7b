package dev.aftersales.caseview;

import dev.aftersales.models.DeployedModels;
import dev.aftersales.security.Caller;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** "Why was case X decided": every decision of the case with its version, matched rows, inputs and outputs. */
@RestController
class DecisionAuditController {

  private final ReadableCases cases;
  private final Timeline timeline;
  private final DeployedModels models;

  DecisionAuditController(ReadableCases cases, Timeline timeline, DeployedModels models) {
    this.cases = cases;
    this.timeline = timeline;
    this.models = models;
  }

  /** Oldest first; personal data in inputs and outputs masked for every role but AGENT, as on the timeline. */
  @GetMapping(ApiPaths.CASE_DECISIONS)
  List<DecisionAuditView> decisions(@PathVariable String caseId, Caller caller) {
    cases.require(caseId, caller);
    boolean masked = !caller.seesPersonalData();
    return timeline.of(caseId).stream()
        .filter(e -> e.kind() == TimelineKind.DECISION)
        .map(e -> DecisionAuditView.of(e, models, masked))
        .toList();
  }
}
