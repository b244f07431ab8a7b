package dev.aftersales.cases;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * A change a request makes to one case (a payment or a parcel reported) that can race a worker's save of the
 * same case, e.g. the deadline's cancellation or the 7-day close. The loser of that race stored nothing: the
 * case's version check fails before any row is written and its transaction rolls back. So the change is made
 * again on the case as it now is, which decides afresh (a payment now late is refunded, a parcel now late goes
 * to an agent), instead of answering the caller 409. Only a case that keeps changing gets the
 * {@link ConcurrencyFailureException} through (409 "Concurrent change": send it again). Jobs need none of
 * this: a clash fails the job and the engine runs it again.
 */
@Component
public class CaseChanges {

  static final int ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(CaseChanges.class);

  private final CaseRepository cases;

  public CaseChanges(CaseRepository cases) {
    this.cases = cases;
  }

  /**
   * @param loaded the case as the request read it
   * @param what what the change is, for the log (e.g. "order payment PAY-1")
   * @param change reads and saves the case it is given; it must save nothing when it throws
   */
  public void apply(AfterSalesCase loaded, String what, Consumer<AfterSalesCase> change) {
    AfterSalesCase current = loaded;
    for (int attempt = 1; ; attempt++) {
      try {
        change.accept(current);
        return;
      } catch (ConcurrencyFailureException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        log.info("Case {}: {} clashed with a concurrent change of the case (attempt {} of {}), made again on the "
            + "case as it now is: {}", loaded.getId(), what, attempt, ATTEMPTS, e.getMessage());
        current = cases.require(loaded.getId());
      }
    }
  }
}
