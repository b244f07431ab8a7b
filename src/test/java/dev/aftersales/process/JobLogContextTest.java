package dev.aftersales.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every line a worker writes while handling a job names the case and the job; the thread is clean afterwards. */
class JobLogContextTest {

  @Test
  void theCaseIdAndJobKeyAreInTheLogContextWhileTheJobIsHandledAndGoneAfter() throws Exception {
    Map<String, String> seen = new HashMap<>();

    JobLogContext.handle(job("case-42", 2251799813685250L), () -> seen.putAll(MDC.getCopyOfContextMap()));

    assertThat(seen).containsEntry(JobLogContext.CASE_ID, "case-42")
        .containsEntry(JobLogContext.JOB_KEY, "2251799813685250")
        .containsEntry(JobLogContext.JOB_TYPE, JobTypes.REFUND_PAYMENT);
    assertThat(MDC.get(JobLogContext.CASE_ID)).isNull();
    assertThat(MDC.get(JobLogContext.JOB_KEY)).isNull();
  }

  @Test
  void aFailingJobLeavesNoContextBehind() {
    assertThatThrownBy(() -> JobLogContext.handle(job("case-43", 7L), () -> {
      throw new IllegalStateException("payments down");
    })).hasMessage("payments down");

    assertThat(MDC.get(JobLogContext.CASE_ID)).isNull();
    assertThat(MDC.get(JobLogContext.JOB_KEY)).isNull();
  }

  private static ActivatedJob job(String caseId, long key) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    when(job.getType()).thenReturn(JobTypes.REFUND_PAYMENT);
    when(job.getVariablesAsMap()).thenReturn(Map.of("caseId", caseId));
    return job;
  }
}
