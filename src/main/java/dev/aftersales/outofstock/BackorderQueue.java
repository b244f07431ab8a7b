package dev.aftersales.outofstock;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.process.JobTransactions;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A backorder leaves the queue of its sku without shipping: its line is cancelled or substituted.
 * Stock that an arrival allocated to it in that very moment is not kept by a case that will never
 * ship it: in the same transaction as the case's save it goes to the next waiting backorders, whose
 * processes are told afterwards. A redelivered job finds the case saved and hands nothing on twice.
 */
@Component
public class BackorderQueue {

  private static final Logger log = LoggerFactory.getLogger(BackorderQueue.class);

  private final CaseRepository cases;
  private final ShortageRepository shortages;
  private final StockArrivalService arrivals;
  private final Timeline timeline;
  private final TransactionTemplate transaction;
  private final JobTransactions jobTransactions;

  public BackorderQueue(CaseRepository cases, ShortageRepository shortages, StockArrivalService arrivals,
      Timeline timeline, TransactionTemplate transaction, JobTransactions jobTransactions) {
    this.jobTransactions = jobTransactions;
    this.cases = cases;
    this.shortages = shortages;
    this.arrivals = arrivals;
    this.timeline = timeline;
    this.transaction = transaction;
  }

  /**
   * Applies {@code leaving} (which must end the wait, see {@link Shortage#ended}) and saves the case, then the
   * shortage (its version check fails when an arrival allocated to it since it was read); allocated stock goes
   * on to the next backorders.
   *
   * @param before the case's shortage as read
   * @param actor who made the case leave, for the timeline (the worker)
   * @return the shortage as stored now
   */
  public Shortage leave(AfterSalesCase c, Shortage before, UnaryOperator<Shortage> leaving, String actor) {
    int handOn = before.stockToHandOn();
    Shortage left = leaving.apply(before);
    if (handOn > 0 && before.warehouseId() == null) {
      log.warn("Case {} gives back {} × {} but its warehouse is not known; the stock is not handed on", c.getId(),
          handOn, before.sku());
      handOn = 0;
    }
    int units = handOn;
    Shortage[] stored = new Shortage[1];
    StockArrivalService.Outcome handedOn = transaction.execute(status -> {
      cases.save(c);
      stored[0] = shortages.save(left);
      if (units == 0) {
        return null;
      }
      StockArrivalService.Outcome outcome = arrivals.handOn(c.getId(), before.sku(), units, before.warehouseId());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("sku", before.sku());
      details.put("quantity", units);
      details.put("warehouseId", before.warehouseId());
      details.put("fromArrivalId", before.stockArrivalId());
      details.put("stockArrivalId", outcome.id());
      details.put("woken", outcome.woken());
      timeline.record(c.getId(), TimelineKind.STATUS, null, actor,
          "Allocated stock handed on: %d × %s to %d waiting backorder(s)".formatted(units, before.sku(),
              outcome.woken().size()), details);
      return outcome;
    });
    if (handedOn != null) {
      // the woken cases' processes read the allocation: told once it is committed (with the job's writes)
      jobTransactions.afterCommit(() -> arrivals.tell(Objects.requireNonNull(handedOn)));
    }
    return stored[0];
  }
}
