package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The price rule of an exchange (docs/exchange-and-mis-sent-process.md), free of I/O: per line, (variant price − the
 * unit price the customer paid) × quantity. A cheaper variant refunds the difference, a dearer one
 * is charged first.
 */
public final class ExchangeSettlement {

  private static final int SCALE = 2;

  private ExchangeSettlement() {}

  public enum Direction {
    /** Same price: the replacement ships. */
    NONE,
    /** Cheaper variant: the difference is refunded. */
    REFUND,
    /** Dearer variant: the customer pays the difference first. */
    CHARGE
  }

  /** One exchanged line: {@code paid} is what the customer paid for the quantity exchanged. */
  public record LineDifference(String sku, String variantSku, int quantity, BigDecimal paid, BigDecimal variantPrice,
      BigDecimal difference) {}

  public record Settlement(List<LineDifference> lines, BigDecimal difference, Direction direction) {}

  /** @param variantPrices unit price of each wanted variant, by sku */
  public static Settlement settle(List<OrderLine> orderLines, List<ReturnLine> exchanged,
      Map<String, BigDecimal> variantPrices) {
    List<LineDifference> differences = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (ReturnLine line : exchanged) {
      OrderLine ordered = orderLines.stream().filter(o -> o.sku().equals(line.sku())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("exchanged sku " + line.sku() + " is not on the order"));
      BigDecimal variantPrice = variantPrices.get(line.exchangeSku());
      if (variantPrice == null) {
        throw new IllegalArgumentException("no price for variant " + line.exchangeSku());
      }
      BigDecimal quantity = BigDecimal.valueOf(line.quantity());
      // multiplied before dividing, as the refund does, so 3 × (100/3) stays 100.00
      BigDecimal paid = ordered.paidAmount().multiply(quantity)
          .divide(BigDecimal.valueOf(ordered.quantity()), SCALE, RoundingMode.HALF_UP);
      BigDecimal wanted = money(variantPrice.multiply(quantity));
      BigDecimal difference = wanted.subtract(paid);
      differences.add(new LineDifference(line.sku(), line.exchangeSku(), line.quantity(), paid, money(variantPrice),
          difference));
      total = total.add(difference);
    }
    return new Settlement(differences, money(total), directionOf(total));
  }

  private static Direction directionOf(BigDecimal difference) {
    return switch (difference.signum()) {
      case 0 -> Direction.NONE;
      case -1 -> Direction.REFUND;
      default -> Direction.CHARGE;
    };
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP);
  }
}
