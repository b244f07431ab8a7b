package dev.aftersales.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/reports/kpis}: the KPIs (docs/kpis.md) over whole business days (Asia/Shanghai),
 * {@code from} and {@code to} included. Unless a figure says otherwise it is about the cases
 * <em>opened</em> (requested) in the period. Hours have one decimal, rates are 0..1 with three
 * decimals, money is CNY with two decimals. A rate or an average with nothing to measure is null.
 * Definitions: docs/kpis.md.
 */
public record KpiReport(
    LocalDate from,
    LocalDate to,
    String zone,
    Instant generatedAt,
    String currency,
    Cases cases,
    CycleTime cycleTime,
    AutoDecision autoDecision,
    Resale resale,
    Issued refunds,
    Issued coupons,
    List<WarehousePickingErrors> pickingErrors,
    List<ReturnReasonCount> topReturnReasons,
    SlaBreaches slaBreaches,
    OutOfStock outOfStock,
    ExceptionOrders exceptionOrders) {

  /**
   * @param opened cases requested in the period
   * @param openedByType every case type, zero included
   * @param openedByChannel the channels that opened a case, by name
   * @param closed cases that reached a final status in the period, whenever they were opened
   */
  public record Cases(long opened, Map<String, Long> openedByType, Map<String, Long> openedByChannel, long closed) {}

  /**
   * Of the cases closed in the period: {@code closed_at − requested_at}.
   *
   * @param p90Hours nearest rank: the smallest cycle time that at least 90% of the cases do not exceed
   * @param withinGoal cases closed at most {@code goalHours} after they were requested
   * @param withinGoalRate {@code withinGoal} / cases closed in the period
   */
  public record CycleTime(BigDecimal averageHours, BigDecimal p90Hours, int goalHours, long withinGoal,
      BigDecimal withinGoalRate) {}

  /**
   * Returns and exchanges opened in the period whose eligibility was decided ({@code decision} set).
   * Automatic: the decision table settled the case by itself (AUTO_APPROVE, AUTO_REJECT). By an agent:
   * EVIDENCE_REVIEW, which always routes the case to the "Review evidence" human task (form
   * {@code evidence-review}, whose outcome the timeline records as a HUMAN_TASK entry); it counts from
   * the decision on, whether or not the agent has answered yet.
   *
   * @param rate {@code automatic / decided}
   */
  public record AutoDecision(long decided, long automatic, long byAgent, BigDecimal rate) {}

  /**
   * Units on lines of cases opened in the period that the warehouse received and disposed
   * ({@code case_line.disposition} set).
   *
   * @param rate (sellable + second-hand) / received
   */
  public record Resale(long receivedUnits, long sellableUnits, long secondHandUnits, long scrappedUnits,
      BigDecimal rate) {}

  /** Refunds or coupons issued ({@code issued_at}) in the period, whenever their case was opened. */
  public record Issued(long count, BigDecimal amount) {}

  /**
   * Picking errors reported in the period against one warehouse ({@code warehouseId} null: the order
   * named none), most first.
   *
   * @param disputed of them, those the warehouse disputed
   */
  public record WarehousePickingErrors(String warehouseId, long errors, long disputed) {}

  /**
   * Returns and exchanges opened in the period, per returned sku, channel and reason (the classified
   * reason, else the stated one): the ten largest groups, most first.
   */
  public record ReturnReasonCount(String sku, String channel, String reason, long cases) {}

  /**
   * Cases opened in the period whose human task outran its SLA and was escalated.
   *
   * @param rate {@code escalated} / cases opened
   */
  public record SlaBreaches(long escalated, BigDecimal rate) {}

  /**
   * Order lines reported short in the period ({@code case_shortage.reported_at}), by the outcome of
   * their case, and how long the customers waited: from the report until the wait ended (stock
   * allocated, shipped at once, cancelled or substituted), for a case still open until
   * {@code generatedAt}.
   */
  public record OutOfStock(long reported, long shipped, long cancelled, long substituted, long open,
      BigDecimal averageWaitHours, BigDecimal p90WaitHours, BigDecimal maxWaitHours) {}

  /**
   * Exception orders (ORDER_EXCEPTION cases) reported in the period, in total and per exception type (every
   * type that was reported, by name), and how long they took to resolve: from the report until the order was
   * released or cancelled; an exception still open is counted as open and has no time yet. Out-of-stock
   * orders are the {@code outOfStock} figure.
   *
   * @param escalated of them, those not resolved within the SLA of their decision
   */
  public record ExceptionOrders(long reported, long released, long cancelled, long open, long escalated,
      BigDecimal averageResolveHours, BigDecimal p90ResolveHours, Map<String, ExceptionTypeFigures> byType) {}

  /** One exception type's figures of {@link ExceptionOrders}. */
  public record ExceptionTypeFigures(long reported, long released, long cancelled, long open, long escalated,
      BigDecimal averageResolveHours, BigDecimal p90ResolveHours) {}
}
