package dev.aftersales.tasks;

import dev.aftersales.cases.AfterSalesCase;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The human tasks of a case for the read side. The engine's task search is a view, not the case store:
 * when it does not answer, the tasks are unknown (empty), never an error of the caller.
 */
@Component
public class CaseTasks {

  private static final Logger log = LoggerFactory.getLogger(CaseTasks.class);

  private final UserTasks userTasks;

  public CaseTasks(UserTasks userTasks) {
    this.userTasks = userTasks;
  }

  /**
   * The case's tasks (also those of the processes it called), oldest first; empty when they cannot be
   * known. A case without a process has none.
   */
  public Optional<List<HumanTask>> of(AfterSalesCase c) {
    if (c.getProcessInstanceKey() == null) {
      return Optional.of(List.of());
    }
    try {
      return Optional.of(userTasks.search(UserTasks.TaskQuery.ofCase(c.getId())).stream()
          .sorted(Comparator.comparing(HumanTask::creationTime, Comparator.nullsLast(Comparator.naturalOrder())))
          .toList());
    } catch (UserTaskException e) {
      log.warn("Tasks of case {} unknown, the case view shows tasks: null: {}", c.getId(), e.getMessage());
      return Optional.empty();
    }
  }
}
