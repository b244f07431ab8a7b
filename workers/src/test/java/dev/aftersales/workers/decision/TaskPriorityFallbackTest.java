package dev.aftersales.workers.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.models.DmnDocument;
import dev.aftersales.workers.decision.TaskPriorityFallback.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which row of task-priority a task no row matches gets: the lowest priority among the rows for any customer. */
class TaskPriorityFallbackTest {

  private static String shipped() throws IOException {
    return Files.readString(Path.of("bpmn", "task-priority.dmn"), StandardCharsets.UTF_8);
  }

  private static Optional<Row> fallback(String dmn) {
    return Optional.ofNullable(DmnDocument.parse(dmn.getBytes(StandardCharsets.UTF_8)).decision("task-priority"))
        .flatMap(TaskPriorityFallback::lowestNormalRow);
  }

  @Test
  void theShippedTableGivesItsFirstRowOfTheLowestOrdinaryPriorityWithAllItsOutputs() throws IOException {
    Row row = fallback(shipped()).orElseThrow();

    assertThat(row.ruleId()).isEqualTo("Rule_EvidenceReview");
    assertThat(row.outputs()).containsEntry("priority", new BigDecimal("50")).containsEntry("slaHours", new BigDecimal("24"))
        .containsEntry("escalatedPriority", new BigDecimal("100")).containsEntry("supervisorGroup", "supervisors")
        .containsEntry("managerGroup", "managers");
    assertThat(row.describe()).isEqualTo("Rule_EvidenceReview (priority 50, SLA 24 h)");
  }

  @Test
  void aRowForSomeCustomersOnlyIsNeverTheFallbackHoweverLowItsPriority() throws IOException {
    // the VIP row set to 10: still not a row for any customer
    String dmn = shipped().replaceFirst("(<rule id=\"Rule_Vip\">[\\s\\S]*?<outputEntry id=\"[^\"]+\">\\s*<text>)90<",
        "$110<");
    assertThat(dmn).as("the VIP row edited").isNotEqualTo(shipped());

    assertThat(fallback(dmn).orElseThrow().ruleId()).isEqualTo("Rule_EvidenceReview");
  }

  @Test
  void aProcessOwnerWhoLowersAnOrdinaryRowLowersTheFallbackToo() throws IOException {
    String dmn = shipped().replaceFirst(
        "(<rule id=\"Rule_LateParcel\">[\\s\\S]*?<outputEntry id=\"[^\"]+\">\\s*<text>)60<", "$140<");
    assertThat(dmn).as("the late-parcel row edited").isNotEqualTo(shipped());

    Row row = fallback(dmn).orElseThrow();
    assertThat(row.ruleId()).isEqualTo("Rule_LateParcel");
    assertThat(row.outputs()).containsEntry("priority", new BigDecimal("40"));
  }

  @Test
  void aTableWhoseEveryRowLooksAtTheCustomerHasNoFallback() throws IOException {
    String dmn = shipped();
    for (String ruleId : new String[] {"Rule_QualityEvidenceReview", "Rule_EvidenceReview", "Rule_MisSentClaimReview",
        "Rule_DisputedPickReview", "Rule_BarcodeMismatch", "Rule_RefundDeduction", "Rule_ManualRefund",
        "Rule_ShortageContact", "Rule_ReplacementContact", "Rule_LateParcel", "Rule_ExceptionReview",
        "Rule_OtherTask"}) {
      int row = dmn.indexOf("<rule id=\"" + ruleId + "\">");
      assertThat(row).as(ruleId).isPositive();
      dmn = dmn.substring(0, row) + dmn.substring(dmn.indexOf("</rule>", row) + "</rule>".length());
    }

    assertThat(fallback(dmn)).isEmpty();
  }
}
