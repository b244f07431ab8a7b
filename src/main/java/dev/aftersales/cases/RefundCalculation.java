package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The refund rule (docs/returns-process.md, refund and freight insurance), kept free of I/O so that it can be
 * proven as a table: lines paid − gifts kept − agent deduction + freight credit, never below zero.
 *
 * <p>Promotion returns also lose coupons that no longer apply, but the OMS contract carries no
 * coupon data; until it does, only the gifts kept are deducted.
 */
public final class RefundCalculation {

  private static final int SCALE = 2;

  private RefundCalculation() {}

  /**
   * What the refund depends on.
   *
   * @param promotionWindow the return used a promotion's extended window: kept gifts are deducted
   * @param agentDeduction decided by an agent for goods not in the declared condition; null when none
   * @param freightCredit what the decision freight-responsibility credits for the shipping: C, P or nothing
   * @param freightCost C, what the carrier charged for the return; null when not known (no credit is due)
   * @param insurancePayout P, what the insurer paid; required when P is credited
   */
  public record Input(
      List<OrderLine> orderLines,
      List<ReturnLine> returnedLines,
      boolean promotionWindow,
      BigDecimal agentDeduction,
      FreightCredit freightCredit,
      BigDecimal freightCost,
      BigDecimal insurancePayout) {}

  /** The refund and how it was reached; every amount has scale 2. */
  public record Breakdown(
      BigDecimal linesAmount, BigDecimal giftDeduction, BigDecimal agentDeduction, BigDecimal freightCredit,
      BigDecimal amount) {}

  public static Breakdown calculate(Input in) {
    Map<String, Integer> returned = in.returnedLines().stream()
        .collect(Collectors.toMap(ReturnLine::sku, ReturnLine::quantity, Integer::sum));
    BigDecimal lines = linesAmount(in.orderLines(), returned);
    BigDecimal gifts = in.promotionWindow() ? giftsKept(in.orderLines(), returned) : money(BigDecimal.ZERO);
    BigDecimal agent = money(in.agentDeduction() == null ? BigDecimal.ZERO : in.agentDeduction());
    if (agent.signum() < 0) {
      throw new IllegalArgumentException("a negative deduction (" + agent + ") would refund more than was paid");
    }
    BigDecimal freight = freightCredit(in);
    BigDecimal amount = lines.subtract(gifts).subtract(agent).add(freight).max(BigDecimal.ZERO);
    return new Breakdown(lines, gifts, agent, freight, money(amount));
  }

  /**
   * The refund of a cheaper exchange variant: the price difference, which is negative (the customer
   * paid more than the variant costs). It is reported as the lines amount, with nothing deducted.
   */
  public static Breakdown exchangeDifference(BigDecimal priceDifference) {
    if (priceDifference.signum() >= 0) {
      throw new IllegalArgumentException("a price difference of " + priceDifference + " is not due to the customer");
    }
    BigDecimal amount = money(priceDifference.negate());
    BigDecimal none = money(BigDecimal.ZERO);
    return new Breakdown(amount, none, none, none, amount);
  }

  /**
   * The refund of an order line cancelled because it cannot ship: what was paid for the cancelled
   * quantity, in full (nothing was delivered, so nothing is deducted and no freight is due).
   */
  public static Breakdown cancelledLine(List<OrderLine> orderLines, String sku, int quantity) {
    BigDecimal amount = linesAmount(orderLines, Map.of(sku, quantity));
    BigDecimal none = money(BigDecimal.ZERO);
    return new Breakdown(amount, none, none, none, amount);
  }

  /** Whether the freight credit needs the carrier's actual cost C (the caller fetches it when missing). */
  public static boolean needsFreightCost(FreightCredit credit) {
    return credit == FreightCredit.COST;
  }

  /**
   * What was paid for the returned lines: the most an agent's deduction can take away (the refund is
   * never below zero).
   */
  public static BigDecimal linesPaid(List<OrderLine> orderLines, List<ReturnLine> returnedLines) {
    return linesAmount(orderLines, returnedLines.stream()
        .collect(Collectors.toMap(ReturnLine::sku, ReturnLine::quantity, Integer::sum)));
  }

  /** Σ returned quantity × paid amount per unit; multiplied before dividing so 3 × (100/3) stays 100.00. */
  private static BigDecimal linesAmount(List<OrderLine> orderLines, Map<String, Integer> returned) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, Integer> line : returned.entrySet()) {
      OrderLine ordered = orderLines.stream().filter(o -> o.sku().equals(line.getKey())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("returned sku " + line.getKey() + " is not on the order"));
      sum = sum.add(ordered.paidAmount().multiply(BigDecimal.valueOf(line.getValue()))
          .divide(BigDecimal.valueOf(ordered.quantity()), SCALE, RoundingMode.HALF_UP));
    }
    return money(sum);
  }

  /** List value of the gifts the customer keeps: the promotion they came with no longer holds. */
  private static BigDecimal giftsKept(List<OrderLine> orderLines, Map<String, Integer> returned) {
    BigDecimal sum = BigDecimal.ZERO;
    for (OrderLine gift : orderLines.stream().filter(OrderLine::gift).toList()) {
      int kept = Math.max(gift.quantity() - returned.getOrDefault(gift.sku(), 0), 0);
      sum = sum.add(gift.unitPrice().multiply(BigDecimal.valueOf(kept)));
    }
    return money(sum);
  }

  /**
   * C = actual return shipping cost, P = insurer payout; which one is credited is the decision's
   * (freight-responsibility). Crediting P to a customer who bore C means the customer bears C − P (a
   * payout above cost is credited too); crediting C means the merchant makes up C − P.
   */
  private static BigDecimal freightCredit(Input in) {
    return switch (Objects.requireNonNull(in.freightCredit(), "freightCredit")) {
      case COST -> money(in.freightCost() == null ? BigDecimal.ZERO : in.freightCost());
      case PAYOUT -> money(Objects.requireNonNull(in.insurancePayout(),
          "the insurer's payout is credited, but no freight claim was made"));
      case NONE -> money(BigDecimal.ZERO);
    };
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }
}
