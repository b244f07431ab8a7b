package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aftersales.cases.ExchangeSettlement.Direction;
import dev.aftersales.cases.ExchangeSettlement.Settlement;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The exchange price rule as a table: (variant price − paid unit price) × quantity, summed over the lines. */
class ExchangeSettlementTest {

  /** Two dresses paid 358.00 together (179.00 each), a three-pack of socks paid 100.00. */
  private static final List<OrderLine> ORDER = List.of(
      new OrderLine("DRESS", "Silk dress", 2, new BigDecimal("199.00"), new BigDecimal("358.00"), false, null),
      new OrderLine("SOCKS", "Socks 3-pack", 3, new BigDecimal("40.00"), new BigDecimal("100.00"), false, null));

  private static final Map<String, BigDecimal> PRICES = Map.of(
      "DRESS-SALE", new BigDecimal("159.00"), "DRESS-BLUE", new BigDecimal("179.00"),
      "DRESS-SILK", new BigDecimal("219.00"), "SOCKS-WOOL", new BigDecimal("33.34"));

  static Stream<Arguments> table() {
    return Stream.of(
        arguments("a cheaper variant is refunded the difference", List.of(line("DRESS", 1, "DRESS-SALE")),
            "-20.00", Direction.REFUND),
        arguments("the same price owes nothing", List.of(line("DRESS", 1, "DRESS-BLUE")), "0.00", Direction.NONE),
        arguments("a dearer variant is charged", List.of(line("DRESS", 1, "DRESS-SILK")), "40.00", Direction.CHARGE),
        arguments("the quantity multiplies the difference", List.of(line("DRESS", 2, "DRESS-SILK")), "80.00",
            Direction.CHARGE),
        arguments("lines offset each other", List.of(line("DRESS", 1, "DRESS-SALE"), line("DRESS", 1, "DRESS-SILK")),
            "20.00", Direction.CHARGE),
        arguments("paid per unit is multiplied before dividing: 3 × 100/3 is 100.00",
            List.of(line("SOCKS", 3, "SOCKS-WOOL")), "0.02", Direction.CHARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void settles(String name, List<ReturnLine> exchanged, String difference, Direction direction) {
    Settlement settlement = ExchangeSettlement.settle(ORDER, exchanged, PRICES);

    assertThat(settlement.difference()).isEqualTo(new BigDecimal(difference));
    assertThat(settlement.direction()).isEqualTo(direction);
    assertThat(settlement.lines()).hasSameSizeAs(exchanged);
  }

  @Test
  void theRefundOfACheaperVariantIsTheDifference() {
    assertThat(RefundCalculation.exchangeDifference(new BigDecimal("-20.00")).amount()).isEqualTo(new BigDecimal("20.00"));
    assertThatThrownBy(() -> RefundCalculation.exchangeDifference(new BigDecimal("5.00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ReturnLine line(String sku, int quantity, String variant) {
    return ReturnLine.requested(sku, quantity, variant);
  }
}
