package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.models.DmnFiles.Decision;
import dev.aftersales.workers.decision.DecisionFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/decisions.md is what a process owner reads before changing a decision: it must name every
 * decision of the DMN files with every input expression it reads, and describe exactly the facts the
 * decisions receive ({@link DecisionFacts}).
 */
class DecisionsDocumentedTest {

  private static final Pattern SECTION = Pattern.compile("^### `([a-z0-9-]+)`", Pattern.MULTILINE);
  private static final Pattern FACT_ROW = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\|", Pattern.MULTILINE);

  @Test
  void everyDecisionAndEachOfItsInputsIsDocumented() throws IOException {
    Map<String, String> sections = sections();
    List<Decision> decisions = DmnFiles.decisions();

    assertThat(sections.keySet()).as("decisions documented in docs/decisions.md")
        .containsExactlyInAnyOrderElementsOf(decisions.stream().map(Decision::id).toList());
    for (Decision decision : decisions) {
      String section = sections.get(decision.id());
      for (String input : decision.inputExpressions()) {
        assertThat(section).as("docs/decisions.md, decision %s, input expression", decision.id())
            .contains("`" + input + "`");
      }
      for (DmnFiles.Output output : decision.outputs()) {
        assertThat(section).as("docs/decisions.md, decision %s, output", decision.id())
            .contains("`" + output.name() + "`");
      }
    }
  }

  @Test
  void theFactsTableListsExactlyTheFactsEveryDecisionReceives() throws IOException {
    String doc = Files.readString(Path.of("docs/decisions.md"));
    Set<String> documented = new LinkedHashSet<>();
    Matcher row = FACT_ROW.matcher(doc);
    while (row.find()) {
      documented.add(row.group(1));
    }

    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(DecisionFacts.class.getRecordComponents()).map(c -> c.getName()).toList());
  }

  /** The text of each "### `decision-id`" section, up to the next heading. */
  private static Map<String, String> sections() throws IOException {
    String doc = Files.readString(Path.of("docs/decisions.md"));
    Map<String, String> sections = new LinkedHashMap<>();
    Matcher heading = SECTION.matcher(doc);
    while (heading.find()) {
      int end = doc.indexOf("\n#", heading.end());
      sections.put(heading.group(1), doc.substring(heading.start(), end < 0 ? doc.length() : end));
    }
    return sections;
  }
}
