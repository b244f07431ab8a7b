package dev.aftersales.caseview;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.intake.ProcessStarter;
import dev.aftersales.models.ProcessPaths;
import dev.aftersales.security.Caller;
import dev.aftersales.tasks.CaseTasks;
import dev.aftersales.tasks.HumanTask;
import dev.aftersales.tasks.TaskState;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.web.ApiPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The case's path on its BPMN diagrams, for the console to mark (docs/console-api.md). */
@RestController
class CasePathController {

  /** @param closed the case reached a final status; {@code processes} the main process first */
  record CasePath(String caseId, boolean closed, List<ProcessPaths.ProcessPath> processes) {}

  private final ReadableCases cases;
  private final Timeline timeline;
  private final CaseTasks tasks;
  private final ProcessPaths paths;

  CasePathController(ReadableCases cases, Timeline timeline, CaseTasks tasks, ProcessPaths paths) {
    this.cases = cases;
    this.timeline = timeline;
    this.tasks = tasks;
    this.paths = paths;
  }

  /**
   * From the timeline's element ids and the case's human tasks (done ones visited, open ones the current waits);
   * when the engine's task search does not answer, the path is drawn from the timeline alone.
   */
  @GetMapping(ApiPaths.CASE_PATH)
  CasePath path(@PathVariable String caseId, Caller caller) {
    AfterSalesCase c = cases.require(caseId, caller);
    List<HumanTask> humanTasks = tasks.of(c).orElse(List.of());
    // Done tasks first: every one is followed by its recording step on the timeline, so the timeline's last
    // element stays the case's last step (where an open case waits next).
    List<String> recorded = new ArrayList<>(humanTasks.stream().filter(t -> t.state() != TaskState.CREATED)
        .map(HumanTask::elementId).filter(Objects::nonNull).distinct().toList());
    timeline.of(caseId).stream().map(TimelineEntry::elementId).filter(Objects::nonNull).distinct()
        .filter(id -> !recorded.contains(id)).forEach(recorded::add);
    List<String> open = humanTasks.stream().filter(t -> t.state() == TaskState.CREATED).map(HumanTask::elementId)
        .filter(Objects::nonNull).distinct().toList();
    boolean closed = c.getStatus().isFinal();
    return new CasePath(caseId, closed, paths.of(
        new ProcessPaths.Trace(ProcessStarter.processIdOf(c.getType()), recorded, open, closed)));
  }
}
