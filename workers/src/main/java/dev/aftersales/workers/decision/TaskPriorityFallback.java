package dev.aftersales.workers.decision;

import dev.aftersales.models.DeployedModels;
import dev.aftersales.process.ProcessIds;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a user task gets when no row of {@code task-priority} matches it (a process owner's edit left a gap): the
 * outputs of the table's <em>lowest normal</em> row, the row with the lowest priority among those that look at
 * nothing but the task kind (no tier, urgency, amount, channel or reason), the first such row when several tie.
 * Normal, because an unknown task must not overtake VIP or urgent work, and a row of the table, so that the
 * numbers stay the process owner's (docs/task-priority.md, "When no rule matches").
 *
 * <p>Read once from the table the application deploys ({@link DeployedModels}); a row whose outputs are FEEL
 * expressions rather than plain values is not taken.
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
    this.row = models.decisionFile(ProcessIds.TASK_PRIORITY).flatMap(file -> lowestNormalRow(file.content()));
    if (row.isEmpty()) {
      LOG.warn("{} has no normal row with plain values: a task no row matches fails into an incident",
          ProcessIds.TASK_PRIORITY);
    }
  }

  /** Empty only when the deployed table has no normal row with plain values. */
  public Optional<Row> row() {
    return row;
  }

  static Optional<Row> lowestNormalRow(byte[] dmn) {
    Element table;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(dmn)).getDocumentElement();
      Element decision = children(root, "decision").stream()
          .filter(d -> ProcessIds.TASK_PRIORITY.equals(d.getAttribute("id"))).findFirst().orElse(null);
      if (decision == null || children(decision, "decisionTable").isEmpty()) {
        return Optional.empty();
      }
      table = children(decision, "decisionTable").getFirst();
    } catch (Exception unreadable) {
      LOG.warn("{} could not be read for its fallback row: {}", ProcessIds.TASK_PRIORITY, unreadable.toString());
      return Optional.empty();
    }
    List<String> inputs = children(table, "input").stream()
        .map(input -> children(input, "inputExpression").stream().findFirst().map(Element::getTextContent)
            .orElse("").strip())
        .toList();
    List<String> outputs = children(table, "output").stream().map(o -> o.getAttribute("name")).toList();
    List<Row> normal = new ArrayList<>();
    for (Element rule : children(table, "rule")) {
      List<String> conditions = children(rule, "inputEntry").stream().map(e -> e.getTextContent().strip()).toList();
      boolean onlyTaskKind = true;
      for (int i = 0; i < conditions.size() && i < inputs.size(); i++) {
        String condition = conditions.get(i);
        if (!TASK_KIND.equals(inputs.get(i)) && !condition.isEmpty() && !condition.equals("-")) {
          onlyTaskKind = false;
        }
      }
      List<String> values = children(rule, "outputEntry").stream().map(e -> e.getTextContent().strip()).toList();
      if (!onlyTaskKind || values.size() != outputs.size()) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < outputs.size(); i++) {
        Object value = plain(values.get(i));
        if (value != null) {
          row.put(outputs.get(i), value);
        }
      }
      if (row.get("priority") instanceof BigDecimal) {
        normal.add(new Row(rule.getAttribute("id"), row));
      }
    }
    return normal.stream().min(Comparator.comparing(r -> (BigDecimal) r.outputs().get("priority")));
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

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && localName.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }
}
