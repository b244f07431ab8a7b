package dev.aftersales.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.web.FieldProblem;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server enforces what the forms under {@code forms/} state, read from the forms themselves: one row
 * per rule of every input field (required, options, length, bounds, decimals, conditional fields), and
 * a check that every input field of every form appears in this table.
 */
class FormRulesTest {

  private static final FormRules RULES = new FormRules(FormRules.load(new ObjectMapper(), "file:forms/*.form"));
  private static final Set<String> COVERED = new HashSet<>();

  private static final Map<String, Object> CONTACT = Map.of(
      "contactTopic", "ORDER_OUT_OF_STOCK", "contactOptions", List.of("CANCEL", "WAIT", "SUBSTITUTE"));

  /** form, task variables, submitted values, the field expected at fault (null: accepted), its message. */
  static Stream<Arguments> rules() {
    return Stream.of(
        // evidence-review
        row("evidence-review", Map.of(), Map.of("reviewDecision", "APPROVE"), null, null),
        row("evidence-review", Map.of(), Map.of(), "reviewDecision", "is required"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "MAYBE"), "reviewDecision", "must be one of APPROVE, REJECT"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "REJECT"), "rejectionReason", "is required"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "REJECT", "rejectionReason", "too short"),
            "rejectionReason", "must have at least 10 characters"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "REJECT", "rejectionReason", "x".repeat(501)),
            "rejectionReason", "must have at most 500 characters"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "APPROVE", "rejectionReason", "not asked for here"),
            "rejectionReason", "must be empty: the form does not ask for it here"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "APPROVE", "reviewNote", "x".repeat(1001)),
            "reviewNote", "must have at most 1000 characters"),
        row("evidence-review", Map.of(), Map.of("reviewDecision", "APPROVE", "caseId", "case-2"),
            "caseId", "is not a field of the form evidence-review"),
        // barcode-mismatch
        row("barcode-mismatch", Map.of(), Map.of("mismatchResolution", "ACCEPT_RETURN", "mismatchNote", "relabelled"), null, null),
        row("barcode-mismatch", Map.of(), Map.of("mismatchNote", "relabelled"), "mismatchResolution", "is required"),
        row("barcode-mismatch", Map.of(), Map.of("mismatchResolution", "RESTOCK", "mismatchNote", "relabelled"),
            "mismatchResolution", "must be one of ACCEPT_RETURN, REFUSE_RETURN"),
        row("barcode-mismatch", Map.of(), Map.of("mismatchResolution", "REFUSE_RETURN", "mismatchNote", " "),
            "mismatchNote", "is required"),
        row("barcode-mismatch", Map.of(), Map.of("mismatchResolution", "REFUSE_RETURN", "mismatchNote", "x".repeat(1001)),
            "mismatchNote", "must have at most 1000 characters"),
        // refund-deduction
        row("refund-deduction", Map.of(), Map.of("deductionAmount", new BigDecimal("25.50"), "deductionReason", "worn"), null, null),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", 0, "deductionReason", "none"), null, null),
        row("refund-deduction", Map.of(), Map.of("deductionReason", "worn"), "deductionAmount", "is required"),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", "25", "deductionReason", "worn"),
            "deductionAmount", "must be a number"),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", -1, "deductionReason", "worn"),
            "deductionAmount", "must be at least 0"),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", new BigDecimal("1.005"), "deductionReason", "worn"),
            "deductionAmount", "must have at most 2 decimal digits"),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", 5), "deductionReason", "is required"),
        row("refund-deduction", Map.of(), Map.of("deductionAmount", 5, "deductionReason", "x".repeat(501)),
            "deductionReason", "must have at most 500 characters"),
        // manual-refund
        row("manual-refund", Map.of(), Map.of("manualRefundReference", "BT-1"), null, null),
        row("manual-refund", Map.of(), Map.of("manualRefundNote", "paid"), "manualRefundReference", "is required"),
        row("manual-refund", Map.of(), Map.of("manualRefundReference", "x".repeat(101)),
            "manualRefundReference", "must have at most 100 characters"),
        row("manual-refund", Map.of(), Map.of("manualRefundReference", "BT-1", "manualRefundNote", "x".repeat(1001)),
            "manualRefundNote", "must have at most 1000 characters"),
        // customer-contact: the options come from the task's contactOptions
        row("customer-contact", CONTACT, Map.of("customerAnswer", "WAIT"), null, null),
        row("customer-contact", CONTACT, Map.of(), "customerAnswer", "is required"),
        row("customer-contact", CONTACT, Map.of("customerAnswer", "REFUND"),
            "customerAnswer", "must be one of CANCEL, WAIT, SUBSTITUTE"),
        row("customer-contact", CONTACT, Map.of("customerAnswer", "SUBSTITUTE"), "substituteSku", "is required"),
        row("customer-contact", CONTACT, Map.of("customerAnswer", "SUBSTITUTE", "substituteSku", "x".repeat(65)),
            "substituteSku", "must have at most 64 characters"),
        row("customer-contact", CONTACT, Map.of("customerAnswer", "WAIT", "substituteSku", "SKU-2"),
            "substituteSku", "must be empty: the form does not ask for it here"),
        row("customer-contact", Map.of("contactTopic", "REPLACEMENT_OUT_OF_STOCK",
                "contactOptions", List.of("OTHER_VARIANT", "REFUND", "WAIT")),
            Map.of("customerAnswer", "OTHER_VARIANT"), "newExchangeSku", "is required"),
        row("customer-contact", Map.of("contactOptions", List.of("OTHER_VARIANT")),
            Map.of("customerAnswer", "OTHER_VARIANT", "newExchangeSku", "x".repeat(65)),
            "newExchangeSku", "must have at most 64 characters"),
        row("customer-contact", CONTACT, Map.of("customerAnswer", "CANCEL", "contactNotes", "x".repeat(1001)),
            "contactNotes", "must have at most 1000 characters"));
  }

  private static Arguments row(String form, Map<String, ?> taskVariables, Map<String, ?> submitted, String field,
      String message) {
    return Arguments.of(form, taskVariables, submitted, field, message);
  }

  @ParameterizedTest(name = "{0} {2} → {3} {4}")
  @MethodSource("rules")
  void theServerEnforcesWhatTheFormStates(String form, Map<String, Object> taskVariables, Map<String, Object> submitted,
      String field, String message) {
    List<FieldProblem> problems = RULES.check(form, submitted, taskVariables, "variables.");

    if (field == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsExactly(new FieldProblem("variables." + field, message));
      synchronized (COVERED) {
        COVERED.add(form + "." + field);
      }
    }
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    Map<String, Object> submitted = new HashMap<>();
    submitted.put("deductionAmount", -3);
    submitted.put("deductionReason", "");
    submitted.put("note", "?");

    assertThat(RULES.check("refund-deduction", submitted, Map.of(), "variables."))
        .extracting(FieldProblem::field)
        .containsExactly("variables.deductionAmount", "variables.deductionReason", "variables.note");
  }

  /** Runs after the table: a field a form gains must get its rows here. */
  @AfterAll
  static void everyInputFieldOfEveryFormHasARow() {
    Set<String> fields = new HashSet<>();
    for (String form : List.of("evidence-review", "barcode-mismatch", "refund-deduction", "manual-refund",
        "customer-contact")) {
      RULES.keys(form).forEach(key -> fields.add(form + "." + key));
    }
    assertThat(fields).hasSize(13);
    assertThat(COVERED).containsAll(fields);
  }
}
