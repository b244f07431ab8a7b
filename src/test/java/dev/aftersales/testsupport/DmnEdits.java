package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process owner's edits of a shipped decision table, as text, for tests that deploy the edited copy. */
public final class DmnEdits {

  private DmnEdits() {}

  /** The table as shipped: {@code bpmn/<file>}. */
  public static String shipped(String file) {
    try {
      return Files.readString(Path.of("bpmn", file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped table without these rows: the gap an edit leaves when it deletes them. */
  public static String withoutRules(String file, String... ruleIds) {
    String table = shipped(file);
    for (String ruleId : ruleIds) {
      int row = table.indexOf("<rule id=\"" + ruleId + "\">");
      assertThat(row).as("row %s of %s", ruleId, file).isPositive();
      table = table.substring(0, row) + table.substring(table.indexOf("</rule>", row) + "</rule>".length());
    }
    return table;
  }
}
