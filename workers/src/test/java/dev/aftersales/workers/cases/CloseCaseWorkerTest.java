package dev.aftersales.workers.cases;

import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseStatus;
import dev.aftersales.cases.IllegalTransitionException;
import dev.aftersales.cases.Reason;
import dev.aftersales.process.Headers;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.Messages;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.workers.TestCases;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Closing a case goes through the case's transition table: a parcel received while the 7-day timer
 * closed the case goes to an agent instead of being lost, and a refunded case is never closed again.
 */
class CloseCaseWorkerTest extends ApiTest {

  private static final ActivatedJob CLOSE_EXPIRED = job(JobTypes.CLOSE_CASE, "ServiceTask_CloseExpiredCase",
      Map.of(Headers.STATUS, "CLOSED"));

  @Autowired CaseRepository cases;
  @Autowired Timeline timeline;
  @Autowired CloseCaseWorker close;

  @Test
  void aReceivedParcelIsNotClosedByTheSevenDayTimerButHandedToAnAgent() {
    AfterSalesCase c = cases.save(TestCases.aReturn().buildReceived(Reason.NO_REASON));
    assertThat(c.getStatus()).isEqualTo(CaseStatus.RECEIVED);

    close.close(CLOSE_EXPIRED, c.getId());
    close.close(CLOSE_EXPIRED, c.getId()); // the job redelivered

    AfterSalesCase after = cases.require(c.getId());
    assertThat(after.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(after.isLateParcel()).isTrue();
    assertThat(after.getClosedAt()).isNull();
    assertThat(instancesStartedBy(Messages.LATE_PARCEL_RECEIVED, c.getId())).singleElement()
        .satisfies(instance -> awaitUserTask(instance, "UserTask_DecideOnLateParcel"));
    assertThat(timeline.of(c.getId())).extracting(TimelineEntry::summary)
        .containsOnlyOnce("Not closed: the parcel arrived; an agent decides on it");
  }

  @Test
  void aRefundedCaseIsNotClosedOverByASecondInstance() {
    AfterSalesCase c = TestCases.aReturn().buildReceived(Reason.NO_REASON);
    c.moveTo(CaseStatus.REFUNDED, Instant.now());
    cases.save(c);

    assertThatThrownBy(() -> close.close(CLOSE_EXPIRED, c.getId())).isInstanceOf(IllegalTransitionException.class);

    assertThat(cases.require(c.getId()).getStatus()).isEqualTo(CaseStatus.REFUNDED);
  }
}
