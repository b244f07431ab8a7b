package dev.aftersales.workers.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.models.DmnDocument;
import dev.aftersales.testsupport.DmnEdits;
import dev.aftersales.workers.decision.TaskPriorityFallback.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which row of task-priority a task no row matches gets: the lowest priority among the rows for any customer. */
class TaskPriorityFallbackTest {

  private static String shipped() {
    return DmnEdits.shipped("task-priority.dmn");
  }

  private static Optional<Row> fallback(String dmn) {
    return Optional.ofNullable(DmnDocument.parse(dmn.getBytes(StandardCharsets.UTF_8)).decision("task-priority"))
        .flatMap(TaskPriorityFallback::lowestNormalRow);
  }

  @Test
  void theShippedTableGivesItsFirstRowOfTheLowestOrdinaryPriorityWithAllItsOutputs() {
    Row row = fallback(shipped()).orElseThrow();

    assertThat(row.ruleId()).isEqualTo("Rule_EvidenceReview");
    assertThat(row.outputs()).containsEntry("priority", new BigDecimal("50")).containsEntry("slaHours", new BigDecimal("24"))
        .containsEntry("escalatedPriority", new BigDecimal("100")).containsEntry("supervisorGroup", "supervisors")
        .containsEntry("managerGroup", "managers");
    assertThat(row.describe()).isEqualTo("Rule_EvidenceReview (priority 50, SLA 24 h)");
  }

  @Test
  void aRowForSomeCustomersOnlyIsNeverTheFallbackHoweverLowItsPriority() {
    // the VIP row set to 10: still not a row for any customer
    String dmn = shipped().replaceFirst("(<rule id=\"Rule_Vip\">[\\s\\S]*?<outputEntry id=\"[^\"]+\">\\s*<text>)90<",
        "$110<");
    assertThat(dmn).as("the VIP row edited").isNotEqualTo(shipped());

    assertThat(fallback(dmn).orElseThrow().ruleId()).isEqualTo("Rule_EvidenceReview");
  }

  @Test
  void aProcessOwnerWhoLowersAnOrdinaryRowLowersTheFallbackToo() {
    String dmn = shipped().replaceFirst(
        "(<rule id=\"Rule_LateParcel\">[\\s\\S]*?<outputEntry id=\"[^\"]+\">\\s*<text>)60<", "$140<");
    assertThat(dmn).as("the late-parcel row edited").isNotEqualTo(shipped());

    Row row = fallback(dmn).orElseThrow();
    assertThat(row.ruleId()).isEqualTo("Rule_LateParcel");
    assertThat(row.outputs()).containsEntry("priority", new BigDecimal("40"));
  }

  @Test
  void aTableWhoseEveryRowLooksAtTheCustomerHasNoFallback() {
    String dmn = DmnEdits.withoutRules("task-priority.dmn", "Rule_QualityEvidenceReview", "Rule_EvidenceReview",
        "Rule_MisSentClaimReview", "Rule_DisputedPickReview", "Rule_BarcodeMismatch", "Rule_RefundDeduction",
        "Rule_ManualRefund", "Rule_ShortageContact", "Rule_ReplacementContact", "Rule_LateParcel",
        "Rule_ExceptionReview", "Rule_OtherTask");

    assertThat(fallback(dmn)).isEmpty();
  }
}
