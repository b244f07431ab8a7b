package dev.aftersales.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Business metrics for operations (served at /actuator/prometheus): cases opened and closed with
 * their cycle time (the 24 h goal), how long customers of short order lines waited, and the money
 * and coupons that left the merchant.
 */
@Component
public class CaseMetrics {

  private final MeterRegistry registry;

  public CaseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void opened(CaseType type, String channel) {
    Counter.builder("aftersales.cases.opened").description("After-sales cases opened")
        .tag("type", type.name()).tag("channel", channel).register(registry).increment();
  }

  /** @param shortage the backorder of an OUT_OF_STOCK case (its own aggregate); null for other cases */
  public void closed(AfterSalesCase c, Shortage shortage) {
    Timer.builder("aftersales.cases.cycle").description("From request to final status")
        .tag("type", c.getType().name()).tag("status", c.getStatus().name())
        .publishPercentiles(0.5, 0.9).register(registry)
        .record(Duration.between(c.getRequestedAt(), c.getClosedAt() != null ? c.getClosedAt() : c.getUpdatedAt()));
    if (shortage != null) {
      Timer.builder("aftersales.backorders.wait")
          .description("How long the customer of a short order line waited: from the report until stock was"
              + " allocated or the line shipped, was cancelled or substituted")
          .tag("status", c.getStatus().name())
          .publishPercentiles(0.5, 0.9).register(registry)
          .record(shortage.waited(c.getClosedAt() != null ? c.getClosedAt() : c.getUpdatedAt()));
    }
  }

  public void refundIssued(BigDecimal amount) {
    DistributionSummary.builder("aftersales.refunds.issued").description("Refunds issued").baseUnit("CNY")
        .register(registry).record(amount.doubleValue()); // a metric, not money: the ledger is the case store
  }

  public void couponIssued(BigDecimal amount) {
    DistributionSummary.builder("aftersales.coupons.issued").description("Compensation coupons issued")
        .baseUnit("CNY").register(registry).record(amount.doubleValue());
  }
}
