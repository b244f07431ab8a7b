package dev.aftersales.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseFacts.ItemFact;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ProcessPathTest;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The paths of {@code late-payment-refund}: started once per case by the message {@code LatePaymentRefunds} sends
 * when the payment provider declined the refund of a late payment; finance refunds by hand and the step after the
 * task records it; an overdue task is escalated and stays open.
 */
class LatePaymentRefundProcessTest extends ProcessPathTest {

  private static final String ARRANGE = "UserTask_ArrangeManualRefund";
  private static final String RECORD = "ServiceTask_RecordManualLateRefund";
  private static final String END_REFUNDED = "EndEvent_LatePaymentRefundedByHand";

  @Test
  void financeRefundsTheDeclinedLatePaymentByHandAndTheStepRecordsIt() {
    long key = refundDeclined();

    UserTaskRecordValue task = zeebe.requireOpenUserTask(key, ARRANGE);
    assertThat(task.getCandidateGroupsList()).containsExactly("finance-team");
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form manual-refund").isPositive();
    zeebe.completeUserTask(key, ARRANGE, Map.of("manualRefundReference", "BT-20261208-0001"));
    ActivatedJob record = completeJob(JobTypes.RECORD_MANUAL_LATE_REFUND);

    zeebe.waitForIdle();
    assertThat(record.getCustomHeaders()).containsEntry(Headers.TASK, "manual-refund");
    assertThat(record.getVariablesAsMap()).containsEntry("manualRefundReference", "BT-20261208-0001")
        .containsEntry("caseId", caseId);
    assertThat(passed(key)).containsSubsequence(ARRANGE, RECORD, END_REFUNDED);
  }

  @Test
  void anOverdueManualRefundIsEscalatedAndTheTaskStaysOpen() {
    long key = refundDeclined();

    zeebe.increaseTime(Duration.ofHours(24));
    ActivatedJob escalate = completeJob(JobTypes.ESCALATE_OVERDUE_TASK);

    assertThat(escalate.getCustomHeaders()).containsEntry(Headers.TASK, "manual-refund");
    assertThat(zeebe.openUserTask(key, ARRANGE)).isPresent();
  }

  @Test
  void theHandOverSentTwiceStartsOneInstance() {
    refundDeclined();
    publishRefundDeclined();

    zeebe.waitForIdle();
    assertThat(instancesStarted()).hasSize(1);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private long refundDeclined() {
    publishRefundDeclined();
    zeebe.waitForIdle();
    return instancesStarted().getFirst();
  }

  /** As {@code LatePaymentRefunds} hands a declined refund of an exception order's late payment to finance. */
  private void publishRefundDeclined() {
    CaseFacts facts = new CaseFacts("TMALL", "O-1", null, null, null, null, null, null, null,
        List.of(new ItemFact("DRESS-M", "Summer dress M", 1)), List.of());
    try {
      zeebe.client().newPublishMessageCommand().messageName(Messages.LATE_PAYMENT_REFUND_DECLINED)
          .correlationKey(caseId).messageId(caseId + ":" + Messages.LATE_PAYMENT_REFUND_DECLINED)
          .timeToLive(Duration.ofHours(1))
          .variables(Map.of("caseId", caseId, "orderId", "O-1", "refundAmount", "259.00", "paymentMethod", "PAY_LINK",
              "latePayment", Map.of("paymentId", "PAY-9", "why", "order paid after it was cancelled"),
              "exceptionType", "PAYMENT_FAILED", "caseFacts", facts))
          .send().join();
    } catch (RuntimeException alreadyPublished) {
      assertThat(alreadyPublished).hasMessageContaining("ALREADY_EXISTS");
    }
  }

  private List<Long> instancesStarted() {
    return instancesStarted(ProcessIds.LATE_PAYMENT_REFUND);
  }
}
