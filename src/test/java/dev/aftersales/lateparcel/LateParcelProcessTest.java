package dev.aftersales.lateparcel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.CaseFacts;
import dev.aftersales.cases.CaseFacts.ItemFact;
import dev.aftersales.cases.Reason;
import dev.aftersales.process.ErrorCodes;
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
 * One test per path of {@code late-parcel} (a parcel after the case was closed for "no parcel within
 * 7 days"): started by its message, once per case; the agent accepts (inspection and refund) or
 * refuses (the parcel goes back).
 */
class LateParcelProcessTest extends ProcessPathTest {

  private static final String DECIDE = "UserTask_DecideOnLateParcel";
  private static final String END_REFUNDED = "EndEvent_LateParcelRefunded";
  private static final String END_SENT_BACK = "EndEvent_LateParcelSentBack";
  private static final String MANUAL_REFUND = "UserTask_ArrangeManualRefund";
  /** What {@code LateParcels} hands over: the facts of a no-reason return whose parcel came 9 days late. */
  private static final CaseFacts CASE_FACTS = new CaseFacts("TMALL", "O-1", Reason.NO_REASON, "too small", 16L, 7, true,
      null, "NO_REASON unopened within 7 days", List.of(new ItemFact("DRESS-M", "Summer dress M", 1)), List.of());

  @Test
  void anAcceptedLateParcelIsInspectedRestockedAndRefunded() {
    long key = lateParcelReceived(false);

    UserTaskRecordValue task = zeebe.requireOpenUserTask(key, DECIDE);
    assertThat(task.getCandidateGroupsList()).containsExactly("customer-service");
    assertThat(task.getDueDate()).isNotBlank();
    assertThat(task.getFormKey()).as("linked form late-parcel").isPositive();
    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "ACCEPT", "lateParcelNote", "carrier late"));
    completeJob(JobTypes.RECORD_LATE_PARCEL_DECISION);
    completeJob(JobTypes.INSPECT_RETURNED_ITEMS);
    completeJob(JobTypes.DISPOSE_RETURNED_ITEMS);
    completeJob(JobTypes.CALCULATE_REFUND);
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "R-1"));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "RETURN_REFUNDED");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REFUNDED");

    zeebe.waitForIdle();
    assertThat(passed(key)).containsSubsequence(DECIDE, "ServiceTask_InspectReturnedItems",
        "ServiceTask_DisposeReturnedItems", "ServiceTask_CalculateRefund", "ServiceTask_RefundPayment",
        "ServiceTask_CloseRefundedCase", END_REFUNDED);
  }

  @Test
  void anInsuredLateParcelHasItsFreightClaimedBeforeTheRefundIsCalculated() {
    long key = lateParcelReceived(false, true);

    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "ACCEPT"));
    for (String type : List.of(JobTypes.RECORD_LATE_PARCEL_DECISION, JobTypes.INSPECT_RETURNED_ITEMS,
        JobTypes.DISPOSE_RETURNED_ITEMS)) {
      completeJob(type);
    }
    ActivatedJob claim = completeJob(JobTypes.CLAIM_FREIGHT_INSURANCE);
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "97.00", "paymentMethod", "ALIPAY"));
    completeJob(JobTypes.REFUND_PAYMENT, Map.of("refundId", "R-1"));
    completeJob(JobTypes.NOTIFY_CUSTOMER);
    completeJob(JobTypes.CLOSE_CASE);

    zeebe.waitForIdle();
    assertThat(claim.getElementId()).isEqualTo("ServiceTask_ClaimFreightInsurance");
    assertThat(passed(key)).containsSubsequence("ServiceTask_DisposeReturnedItems",
        "ServiceTask_ClaimFreightInsurance", "ServiceTask_CalculateRefund", "ServiceTask_RefundPayment", END_REFUNDED);
  }

  @Test
  void anUninsuredLateParcelIsRefundedWithoutAFreightClaim() {
    long key = lateParcelReceived(false, false);

    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "ACCEPT"));
    for (String type : List.of(JobTypes.RECORD_LATE_PARCEL_DECISION, JobTypes.INSPECT_RETURNED_ITEMS,
        JobTypes.DISPOSE_RETURNED_ITEMS, JobTypes.CALCULATE_REFUND, JobTypes.REFUND_PAYMENT,
        JobTypes.NOTIFY_CUSTOMER, JobTypes.CLOSE_CASE)) {
      completeJob(type);
    }

    zeebe.waitForIdle();
    assertThat(passed(key)).contains(END_REFUNDED).doesNotContain("ServiceTask_ClaimFreightInsurance");
  }

  @Test
  void aRefusedLateParcelIsSentBackAndTheCaseRejected() {
    long key = lateParcelReceived(false);

    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "REFUSE"));
    completeJob(JobTypes.RECORD_LATE_PARCEL_DECISION);
    completeJob(JobTypes.SEND_PARCEL_BACK, Map.of("parcelBackOrderId", "OB-1"));
    assertThat(completeJob(JobTypes.NOTIFY_CUSTOMER).getCustomHeaders())
        .containsEntry(Headers.TEMPLATE, "LATE_PARCEL_SENT_BACK");
    assertThat(completeJob(JobTypes.CLOSE_CASE).getCustomHeaders()).containsEntry(Headers.STATUS, "REJECTED");

    zeebe.waitForIdle();
    assertThat(passed(key)).contains("ServiceTask_SendParcelBack", END_SENT_BACK)
        .doesNotContain("ServiceTask_RefundPayment");
  }

  @Test
  void anInstalmentOrderHasItsPlanReversedAfterTheRefund() {
    long key = lateParcelReceived(true);

    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "ACCEPT"));
    for (String type : List.of(JobTypes.RECORD_LATE_PARCEL_DECISION, JobTypes.INSPECT_RETURNED_ITEMS,
        JobTypes.DISPOSE_RETURNED_ITEMS, JobTypes.CALCULATE_REFUND, JobTypes.REFUND_PAYMENT)) {
      completeJob(type);
    }
    ActivatedJob reverse = completeJob(JobTypes.REVERSE_INSTALLMENT_PLAN);

    assertThat(reverse.getElementId()).isEqualTo("ServiceTask_ReverseInstalmentPlan");
  }

  @Test
  void aDeclinedRefundOfALateParcelIsArrangedManually() {
    long key = lateParcelReceived(false);

    zeebe.completeUserTask(key, DECIDE, Map.of("lateParcelDecision", "ACCEPT"));
    for (String type : List.of(JobTypes.RECORD_LATE_PARCEL_DECISION, JobTypes.INSPECT_RETURNED_ITEMS,
        JobTypes.DISPOSE_RETURNED_ITEMS)) {
      completeJob(type);
    }
    completeJob(JobTypes.CALCULATE_REFUND, Map.of("refundAmount", "89.00", "paymentMethod", "ALIPAY"));
    zeebe.throwError(JobTypes.REFUND_PAYMENT, ErrorCodes.REFUND_DECLINED, "payment older than 180 days");
    zeebe.completeUserTask(key, MANUAL_REFUND, Map.of("manualRefundReference", "BT-20261205-0009"));
    assertThat(completeJob(JobTypes.RECORD_MANUAL_REFUND).getCustomHeaders())
        .containsEntry(Headers.TASK, "manual-refund");
    completeJob(JobTypes.NOTIFY_CUSTOMER);
    completeJob(JobTypes.CLOSE_CASE);

    zeebe.waitForIdle();
    assertThat(passed(key)).containsSubsequence("ServiceTask_CalculateRefund", MANUAL_REFUND,
        "ServiceTask_RecordManualRefund", END_REFUNDED);
  }

  @Test
  void anUndecidedLateParcelIsEscalatedAndTheTaskStaysOpen() {
    long key = lateParcelReceived(false);

    zeebe.increaseTime(Duration.ofHours(24));
    ActivatedJob escalate = completeJob(JobTypes.ESCALATE_OVERDUE_TASK);

    assertThat(escalate.getCustomHeaders()).containsEntry(Headers.TASK, "late-parcel");
    assertThat(zeebe.openUserTask(key, DECIDE)).isPresent();
  }

  @Test
  void theSameLateParcelSentTwiceStartsOneInstance() {
    lateParcelReceived(false);
    publishLateParcel(false, false);

    zeebe.waitForIdle();
    assertThat(instancesStarted()).hasSize(1);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Publishes late-parcel-received as {@code LateParcels} does; returns the instance it started. */
  private long lateParcelReceived(boolean paidByInstallments) {
    return lateParcelReceived(paidByInstallments, false);
  }

  private long lateParcelReceived(boolean paidByInstallments, boolean freightInsured) {
    publishLateParcel(paidByInstallments, freightInsured);
    zeebe.waitForIdle();
    return instancesStarted().getFirst();
  }

  private void publishLateParcel(boolean paidByInstallments, boolean freightInsured) {
    try {
      zeebe.client().newPublishMessageCommand().messageName(Messages.LATE_PARCEL_RECEIVED).correlationKey(caseId)
          .messageId(caseId + ":" + Messages.LATE_PARCEL_RECEIVED).timeToLive(Duration.ofDays(7))
          .variables(Map.of("caseId", caseId, "orderId", "O-1", "freightInsured", freightInsured,
              "paidByInstallments", paidByInstallments, "caseFacts", CASE_FACTS))
          .send().join();
    } catch (RuntimeException alreadyPublished) {
      assertThat(alreadyPublished).hasMessageContaining("ALREADY_EXISTS");
    }
  }

  private List<Long> instancesStarted() {
    return instancesStarted(ProcessIds.LATE_PARCEL);
  }
}
