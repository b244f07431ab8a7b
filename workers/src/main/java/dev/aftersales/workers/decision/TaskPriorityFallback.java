package dev.aftersales.workers.decision;

import dev.aftersales.models.DeployedModels;
import dev.aftersales.models.DmnDocument;
import dev.aftersales.process.ProcessIds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a user task gets when no row of {@code task-priority} matches it (a process owner's edit left a gap): the
 * outputs of the table's <em>lowest normal</em> row, the row with the lowest priority among those that look at
 * nothing but the task kind (no tier, urgency, amount, channel or reason), the first such row when several tie.
 * Normal, because an unknown task must not overtake VIP or urgent work, and a row of the table, so that the
 * numbers stay the process owner's (docs/task-priority.md, "When no rule matches").
 *
 * <p>Read once from the table the application deploys ({@link DeployedModels}, the same reading the decision
 * audit uses); a row whose outputs are FEEL expressions rather than plain values is not taken.
 */
@Component
public class TaskPriorityFallback {

  private static final Logger LOG = LoggerFactory.getLogger(TaskPriorityFallback.class);

  /** The task kind's input expression: the one condition a normal row may have. */
  private static final String TASK_KIND = "taskKind";

  /** @param outputs the row's output columns by name, as the engine would have returned them */
  public record Row(String ruleId, Map<String, Object> outputs) {

    /** How the case's timeline names it: {@code Rule_EvidenceReview (priority 50, SLA 24 h)}. */
    public String describe() {
      return "%s (priority %s, SLA %s h)".formatted(ruleId, outputs.get("priority"), outputs.get("slaHours"));
    }
  }

  private final Optional<Row> row;

  public TaskPriorityFallback(DeployedModels models) {
    this.row = models.decision(ProcessIds.TASK_PRIORITY).flatMap(TaskPriorityFallback::lowestNormalRow);
    if (row.isEmpty()) {
      LOG.warn("{} has no normal row with plain values: a task no row matches fails into an incident",
          ProcessIds.TASK_PRIORITY);
    }
  }

  /** Empty only when the deployed table has no normal row with plain values. */
  public Optional<Row> row() {
    return row;
  }

  static Optional<Row> lowestNormalRow(DmnDocument.Decision table) {
    List<Row> normal = new ArrayList<>();
    for (DmnDocument.Rule rule : table.rules().values()) {
      if (onlyTaskKind(table.inputs(), rule.inputEntries()) && rule.outputEntries().size() == table.outputs().size()) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (int i = 0; i < table.outputs().size(); i++) {
          Object value = plain(rule.outputEntries().get(i));
          if (value != null) {
            outputs.put(table.outputs().get(i), value);
          }
        }
        if (outputs.get("priority") instanceof BigDecimal) {
          normal.add(new Row(rule.ruleId(), outputs));
        }
      }
    }
    // min keeps the first of equal rows: the table's order decides a tie
    return normal.stream().min(Comparator.comparing(r -> (BigDecimal) r.outputs().get("priority")));
  }

  private static boolean onlyTaskKind(List<String> inputs, List<String> conditions) {
    for (int i = 0; i < conditions.size() && i < inputs.size(); i++) {
      String condition = conditions.get(i);
      if (!TASK_KIND.equals(inputs.get(i)) && !condition.isEmpty() && !condition.equals("-")) {
        return false;
      }
    }
    return true;
  }

  /** A number or a string literal; null for anything else (a FEEL expression, null). */
  private static Object plain(String entry) {
    if (entry.length() >= 2 && entry.startsWith("\"") && entry.endsWith("\"")) {
      return entry.substring(1, entry.length() - 1);
    }
    try {
      return new BigDecimal(entry);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
