package dev.aftersales.outofstock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.cases.DuplicateKeys;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.messages.CaseMessagePublisher;
import dev.aftersales.process.Messages;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock arrived: the backorders waiting for the sku at that warehouse get it in the order their
 * lines were reported, as far as the quantity covers each one in full. The first backorder it does
 * not cover ends the allocation, so a later, smaller one never overtakes it; the rest keep waiting.
 *
 * <p>The arrival, the allocations and their timeline entries are one transaction: the queue's rows are
 * locked, so two arrivals of a sku never hand the same units out twice, and every allocation is a save of
 * the backorder's aggregate ({@link Shortage}), so a worker's concurrent save of the same backorder loses and
 * retries instead of overwriting it. Afterwards each woken case's process gets {@code stock-arrived}; one that did not
 * take it is told again by {@link #republishBefore}, so the arrival itself is never sent twice.
 */
@Service
public class StockArrivalService implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(StockArrivalService.class);
  private static final int ATTEMPTS = 3;

  private final ShortageRepository shortages;
  private final Timeline timeline;
  private final CaseMessagePublisher publisher;
  private final StockArrivalProperties properties;
  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ObjectMapper json;

  public StockArrivalService(ShortageRepository shortages, Timeline timeline, CaseMessagePublisher publisher,
      StockArrivalProperties properties, NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
      Clock clock, ObjectMapper json) {
    this.json = json;
    this.shortages = shortages;
    this.timeline = timeline;
    this.publisher = publisher;
    this.properties = properties;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  public record WokenBackorder(String caseId, String orderId, int quantity) {}

  /**
   * @param id the case store's id of the arrival
   * @param arrivalId the warehouse's id of it; null for stock a case handed on
   */
  public record Outcome(long id, String arrivalId, String sku, String warehouseId, int quantity, int allocated,
      int remaining, List<WokenBackorder> woken) {}

  /**
   * Allocates a reported arrival once: the same (warehouseId, arrivalId) again answers the first outcome and
   * allocates nothing; with another sku or quantity it is refused (409), as it cannot be the same arrival.
   */
  public Outcome arrived(StockArrival arrival, String reportedBy) {
    Optional<Outcome> first = reported(arrival);
    if (first.isPresent()) {
      return first.get();
    }
    Outcome outcome;
    try {
      outcome = allocateWithRetry(arrival, reportedBy);
    } catch (RuntimeException e) {
      // The same arrival reported twice at once: the unique key let the first win, and nothing of this one stayed.
      if (DuplicateKeys.refused(e)) {
        return reported(arrival).orElseThrow(() -> e);
      }
      throw e;
    }
    tell(outcome);
    return outcome;
  }

  private Optional<Outcome> reported(StockArrival arrival) {
    return jdbc.query("""
            SELECT sku, quantity, outcome FROM stock_arrival
             WHERE warehouse_id = :warehouseId AND arrival_ref = :arrivalId""",
            new MapSqlParameterSource().addValue("warehouseId", arrival.warehouseId())
                .addValue("arrivalId", arrival.arrivalId()),
            (rs, row) -> {
              if (!rs.getString("sku").equals(arrival.sku()) || rs.getInt("quantity") != arrival.quantity()) {
                String message = "arrival %s at %s was reported before as %d × %s".formatted(arrival.arrivalId(),
                    arrival.warehouseId(), rs.getInt("quantity"), rs.getString("sku"));
                throw new RequestRejectedException(HttpStatus.CONFLICT, "Arrival reported before", message,
                    List.of(new FieldProblem("arrivalId", message)));
              }
              return read(rs.getString("outcome"));
            })
        .stream().findFirst();
  }

  private Outcome read(String outcome) {
    try {
      return json.readValue(outcome, Outcome.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored outcome of a stock arrival is not readable", e);
    }
  }

  private String write(Outcome outcome) {
    try {
      return json.writeValueAsString(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outcome of a stock arrival is not writable", e);
    }
  }

  /**
   * Stock that was allocated to a backorder which will not ship after all (its line was cancelled
   * or substituted in the moment the stock came) goes to the next waiting backorders, recorded as an
   * arrival reported by that case. Joins the caller's transaction, which must also store that the
   * case gave the stock back, so it is handed on once; a clash fails the caller, who tries again.
   * The caller then {@link #tell}s the woken cases.
   */
  public Outcome handOn(String caseId, String sku, int quantity, String warehouseId) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("handing on stock needs the transaction that releases it from case " + caseId);
    }
    return allocate(new StockArrival(sku, quantity, warehouseId, null), "case:" + caseId);
  }

  /** Logs the allocation and tells each woken case's process; a failed publication is left to the retry. */
  public void tell(Outcome outcome) {
    log.info("Stock arrival {} ({}): {} × {} at {}, {} allocated to {} backorder(s), {} left", outcome.id(),
        outcome.arrivalId(),
        outcome.quantity(), outcome.sku(), outcome.warehouseId(), outcome.allocated(), outcome.woken().size(),
        outcome.remaining());
    for (WokenBackorder woken : outcome.woken()) {
      publish(woken.caseId());
    }
  }

  private Outcome allocateWithRetry(StockArrival arrival, String reportedBy) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Objects.requireNonNull(transaction.execute(status -> allocate(arrival, reportedBy)));
      } catch (ConcurrencyFailureException e) {
        // A worker saved one of the queued backorders meanwhile, or the database chose this transaction as a
        // deadlock victim: nothing of this arrival was stored, so it is allocated again from the start.
        if (attempt == ATTEMPTS) {
          throw e;
        }
        log.info("Stock arrival of {} clashed with a concurrent change (attempt {}), allocating again: {}",
            arrival.sku(), attempt, e.getMessage());
      }
    }
  }

  private Outcome allocate(StockArrival arrival, String reportedBy) {
    Instant now = clock.instant();
    long arrivalId = store(arrival, reportedBy, now);
    List<String> queue = jdbc.queryForList("""
        SELECT case_id FROM case_shortage
         WHERE sku = :sku AND wait_status = 'WAITING' AND (warehouse_id = :warehouseId OR warehouse_id IS NULL)
         ORDER BY reported_at, case_id
           FOR UPDATE""",
        new MapSqlParameterSource().addValue("sku", arrival.sku()).addValue("warehouseId", arrival.warehouseId()),
        String.class);
    int remaining = arrival.quantity();
    List<WokenBackorder> woken = new ArrayList<>();
    for (String caseId : queue) {
      Shortage shortage = shortages.require(caseId);
      if (shortage.quantity() > remaining) {
        break;
      }
      // The backorder alone: its version check fails when a worker ended it since it was read.
      shortages.save(shortage.stockAllocated(arrivalId, now));
      remaining -= shortage.quantity();
      woken.add(new WokenBackorder(caseId, shortage.orderId(), shortage.quantity()));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("stockArrivalId", arrivalId);
      details.put("arrivalId", arrival.arrivalId());
      details.put("sku", arrival.sku());
      details.put("warehouseId", arrival.warehouseId());
      details.put("arrivedQuantity", arrival.quantity());
      details.put("allocatedQuantity", shortage.quantity());
      details.put("waitingSince", shortage.waitingSince());
      details.put("messageId", CaseMessagePublisher.messageId(caseId, Messages.STOCK_ARRIVED));
      timeline.record(caseId, TimelineKind.MESSAGE, null, reportedBy,
          "Stock arrived: %d × %s allocated to this backorder".formatted(shortage.quantity(), arrival.sku()), details);
    }
    int allocated = arrival.quantity() - remaining;
    Outcome outcome = new Outcome(arrivalId, arrival.arrivalId(), arrival.sku(), arrival.warehouseId(),
        arrival.quantity(), allocated, remaining, List.copyOf(woken));
    jdbc.update("UPDATE stock_arrival SET allocated_quantity = :allocated, outcome = :outcome WHERE id = :id",
        new MapSqlParameterSource().addValue("allocated", allocated).addValue("outcome", write(outcome))
            .addValue("id", arrivalId));
    return outcome;
  }

  private long store(StockArrival arrival, String reportedBy, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update("""
        INSERT INTO stock_arrival (sku, warehouse_id, arrival_ref, quantity, allocated_quantity, arrived_at, reported_by)
        VALUES (:sku, :warehouseId, :arrivalId, :quantity, 0, :arrivedAt, :reportedBy)""",
        new MapSqlParameterSource()
            .addValue("arrivalId", arrival.arrivalId())
            .addValue("sku", arrival.sku())
            .addValue("warehouseId", arrival.warehouseId())
            .addValue("quantity", arrival.quantity())
            .addValue("arrivedAt", Timestamp.from(now))
            .addValue("reportedBy", reportedBy),
        key, new String[] {"id"});
    return Objects.requireNonNull(key.getKey(), "no id generated for the stock arrival").longValue();
  }

  /** Best effort: a publication that fails is left to the retry, the allocation is already stored. */
  private boolean publish(String caseId) {
    try {
      publisher.publish(Messages.STOCK_ARRIVED, caseId, properties, "stock arrival");
      return true;
    } catch (RuntimeException e) {
      log.warn("Case {} got stock but its process was not told yet; the retry tells it: {}", caseId, e.getMessage());
      return false;
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    properties.schedule(registrar, clock, this::republishBefore);
  }

  /**
   * The retry: cases that got stock before {@code before} and whose process has not shipped them
   * yet are published again, with the same message id, so a process that already took the message
   * does not take it twice.
   *
   * @return the cases whose process was told again
   */
  public List<String> republishBefore(Instant before) {
    List<String> caseIds = jdbc.queryForList("""
        SELECT s.case_id FROM case_shortage s JOIN after_sales_case c ON c.id = s.case_id
         WHERE s.wait_status = 'STOCK_ALLOCATED' AND s.wait_ended_at < :before
           AND c.outbound_order_id IS NULL AND c.status = 'WAITING_FOR_STOCK'
         ORDER BY s.wait_ended_at LIMIT 50""",
        new MapSqlParameterSource("before", Timestamp.from(before)), String.class);
    return caseIds.stream().filter(this::publish).toList();
  }
}
