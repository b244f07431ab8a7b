package dev.aftersales.tasks;

import dev.aftersales.cases.AfterSalesCase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The human tasks of a case for the read side. Tasklist is a view, not the case store: when it is
 * not configured or does not answer, the tasks are unknown (empty), never an error of the caller.
 */
@Component
public class CaseTasks {

  private static final Logger log = LoggerFactory.getLogger(CaseTasks.class);

  private final TasklistClient tasklist;
  private final AtomicBoolean toldNotConfigured = new AtomicBoolean();

  public CaseTasks(TasklistClient tasklist) {
    this.tasklist = tasklist;
  }

  /** The case's tasks, oldest first; empty when they cannot be known. A case without a process has none. */
  public Optional<List<HumanTask>> of(AfterSalesCase c) {
    if (!tasklist.configured()) {
      if (toldNotConfigured.compareAndSet(false, true)) {
        log.warn("Tasklist is not configured (aftersales.tasklist.base-url): case views show tasks: null");
      }
      return Optional.empty();
    }
    if (c.getProcessInstanceKey() == null) {
      return Optional.of(List.of());
    }
    try {
      return Optional.of(tasklist.tasksOfCase(c.getId()));
    } catch (TasklistException e) {
      log.warn("Tasks of case {} unknown, the case view shows tasks: null: {}", c.getId(), e.getMessage());
      return Optional.empty();
    }
  }
}
