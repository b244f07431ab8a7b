package dev.aftersales.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.cases.RecordEvidenceReviewWorker;
import dev.aftersales.workers.decision.RecordReturnEligibilityWorker;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.jobhandling.JobWorkerManager;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every worker of the application fetches the variables it declares and the case id, never all of the instance's
 * (an empty list asks the engine for all): the workers as the application opened them against the engine.
 */
class DeclaredVariablesOnlyTest extends IntegrationTest {

  @Autowired JobWorkerManager workers;

  @Test
  void everyWorkerFetchesTheCaseIdAndWhatItDeclaresOnly() throws Exception {
    List<JobWorkerValue> opened = new ArrayList<>();
    for (Field constant : JobTypes.class.getFields()) {
      if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
        workers.findJobWorkerConfigByType((String) constant.get(null)).ifPresent(opened::add);
      }
    }

    assertThat(opened).as("the application's workers").hasSizeGreaterThan(40);
    assertThat(opened).allSatisfy(worker -> assertThat(worker.getFetchVariables())
        .as("variables fetched by %s", worker.getType())
        .isNotEmpty()
        .contains(JobLogContext.CASE_ID));
  }

  @Test
  void aWorkerThatTakesTheJobFetchesItsVariableParameters() {
    assertThat(workers.findJobWorkerConfigByType(JobTypes.RECORD_RETURN_ELIGIBILITY).orElseThrow().getFetchVariables())
        .containsExactly(JobLogContext.CASE_ID, "facts", RecordReturnEligibilityWorker.RESULT);
  }

  @Test
  void aWorkerThatReadsAFormFetchesTheFormsFields() {
    assertThat(workers.findJobWorkerConfigByType(JobTypes.RECORD_EVIDENCE_REVIEW).orElseThrow().getFetchVariables())
        .containsExactly(JobLogContext.CASE_ID, "reviewDecision", "rejectionReason", "reviewNote");
    assertThat(RecordEvidenceReviewWorker.EvidenceReview.class.getRecordComponents()).hasSize(4);
  }
}
