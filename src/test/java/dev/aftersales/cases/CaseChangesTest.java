package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftersales.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A request's change that loses a race with another save of the same case is made again on the case as it
 * now is ({@link CaseChanges}); both changes are kept, and only a case that keeps changing lets the clash through.
 */
class CaseChangesTest extends IntegrationTest {

  @Autowired CaseRepository cases;
  @Autowired CaseChanges changes;

  @Test
  void aChangeThatLostTheRaceIsMadeAgainOnTheCaseAsItNowIsAndBothChangesAreKept() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AfterSalesCase readByTheRequest = cases.require(id);
    AfterSalesCase savedByAWorker = cases.require(id);
    savedByAWorker.markEscalated();
    cases.save(savedByAWorker);
    AtomicInteger attempts = new AtomicInteger();

    changes.apply(readByTheRequest, "a test change", c -> {
      attempts.incrementAndGet();
      c.markUrgent();
      c.touch(Instant.now());
      cases.save(c);
    });

    AfterSalesCase stored = cases.require(id);
    assertThat(attempts).hasValue(2);
    assertThat(stored.isEscalated()).as("the worker's change").isTrue();
    assertThat(stored.isUrgent()).as("the request's change").isTrue();
    assertThat(stored.getVersion()).isEqualTo(2);
  }

  @Test
  void aCaseThatKeepsChangingLetsTheClashThroughAfterThreeAttemptsWithNothingStored() {
    String id = cases.save(CaseSavingTest.newCase()).getId();
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> changes.apply(cases.require(id), "a test change", c -> {
      attempts.incrementAndGet();
      AfterSalesCase meanwhile = cases.require(id);
      meanwhile.touch(Instant.now());
      cases.save(meanwhile);
      c.markUrgent();
      cases.save(c);
    })).isInstanceOf(OptimisticLockingFailureException.class);

    assertThat(attempts).hasValue(CaseChanges.ATTEMPTS);
    assertThat(cases.require(id).isUrgent()).isFalse();
  }
}
