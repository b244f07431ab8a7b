package dev.aftersales.process;

import dev.aftersales.intake.IntakeProperties;
import dev.aftersales.outofstock.StockArrivalProperties;
import dev.aftersales.payments.PaymentReportProperties;
import dev.aftersales.payments.UnhandledPayments;
import dev.aftersales.receipts.ReceiptProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What waits for a retry, as gauges for operations (the job incidents are counted by
 * {@link RetryingJobExceptionHandler}): stored cases whose process has not started, woken
 * backorders whose process has not taken stock-arrived yet, parcels recorded whose process was not told of
 * them, reported payments neither told to their process nor, late, refunded, and late payments whose declined
 * refund waits for finance. Each is read from the case store
 * when scraped (an indexed count), so they are right after a restart and across application instances.
 */
@Component
class BacklogMetrics {

  private static final Logger log = LoggerFactory.getLogger(BacklogMetrics.class);

  BacklogMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock, IntakeProperties intake,
      StockArrivalProperties arrivals, ReceiptProperties receipts, PaymentReportProperties payments,
      UnhandledPayments unhandledPayments) {
    Gauge.builder("aftersales.cases.not-started", () -> count(jdbc.sql("""
            SELECT COUNT(*) FROM after_sales_case WHERE process_instance_key IS NULL AND created_at < :before""")
            .param("before", Timestamp.from(clock.instant().minus(intake.startRetryMinAge())))))
        .description("Cases stored longer than the start retry's minimum age without a process").register(registry);
    Gauge.builder("aftersales.messages.awaiting-republish", () -> count(jdbc.sql("""
            SELECT COUNT(*) FROM case_shortage s JOIN after_sales_case c ON c.id = s.case_id
             WHERE s.wait_status = 'STOCK_ALLOCATED' AND s.wait_ended_at < :before
               AND c.outbound_order_id IS NULL AND c.status = 'WAITING_FOR_STOCK'""")
            .param("before", Timestamp.from(clock.instant().minus(arrivals.republishAfter())))))
        .description("Woken backorders whose process has not taken stock-arrived: the retry publishes again")
        .register(registry);
    Gauge.builder("aftersales.parcels.untold", () -> count(jdbc.sql("""
            SELECT COUNT(*) FROM after_sales_case
             WHERE parcel_told_at IS NULL AND received_at < :before AND status = 'RECEIVED'""")
            .param("before", Timestamp.from(clock.instant().minus(receipts.republishAfter())))))
        .description("Parcels recorded whose process was not told of them: the receipt retry tells it")
        .register(registry);
    Gauge.builder("aftersales.payments.unhandled", () -> count(() -> unhandledPayments.countStoredBefore(
            clock.instant().minus(payments.republishAfter()))))
        .description("Reported payments stored but neither told to their process nor, late, refunded: the payment "
            + "retry hands them on")
        .register(registry);
    Gauge.builder("aftersales.payments.late-refunds-with-finance",
            () -> count(unhandledPayments::countLateRefundsWithFinance))
        .description("Late payments whose refund the payment provider declined and that finance has not refunded by "
            + "hand yet (task 'Arrange refund manually', late-payment-refund.bpmn)")
        .register(registry);
  }

  /** NaN when the store does not answer: a scrape never fails because of a gauge. */
  private static double count(JdbcClient.StatementSpec query) {
    return count(() -> query.query(Long.class).single());
  }

  private static double count(LongSupplier count) {
    try {
      return count.getAsLong();
    } catch (RuntimeException e) {
      log.debug("Backlog gauge not read: {}", e.getMessage());
      return Double.NaN;
    }
  }
}
