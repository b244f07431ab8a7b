package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aftersales.cases.RefundCalculation.Breakdown;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The refund rule as a table: lines − gifts kept − agent deduction + freight credit, never below zero. */
class RefundCalculationTest {

  /** Two dresses paid 358.00 together (list 199.00 each), a 39.00 scarf as gift, a three-pack paid 100.00. */
  private static final List<OrderLine> ORDER = List.of(
      new OrderLine("DRESS", "Silk dress", 2, money("199.00"), money("358.00"), false, "6901"),
      new OrderLine("SCARF", "Gift scarf", 1, money("39.00"), money("0.00"), true, "6902"),
      new OrderLine("SOCKS", "Socks 3-pack", 3, money("40.00"), money("100.00"), false, null));

  private static final List<ReturnLine> ONE_DRESS = List.of(ReturnLine.requested("DRESS", 1, null));
  private static final List<ReturnLine> BOTH_DRESSES = List.of(ReturnLine.requested("DRESS", 2, null));

  static Stream<Arguments> table() {
    return Stream.of(
        // name, returned, promotionWindow, agent deduction, freight credit (decision freight-responsibility), C, P → lines, gifts, agent, freight, amount
        arguments("no-reason return of one of two dresses: half the paid amount",
            ONE_DRESS, false, null, FreightCredit.NONE, null, null,
            "179.00", "0.00", "0.00", "0.00", "179.00"),
        arguments("Double-11 return keeping the gift: its list value is deducted",
            BOTH_DRESSES, true, null, FreightCredit.NONE, null, null,
            "358.00", "39.00", "0.00", "0.00", "319.00"),
        arguments("Double-11 return with the gift sent back: nothing deducted",
            List.of(ReturnLine.requested("DRESS", 2, null), ReturnLine.requested("SCARF", 1, null)),
            true, null, FreightCredit.NONE, null, null,
            "358.00", "0.00", "0.00", "0.00", "358.00"),
        arguments("outside a promotion window a kept gift is not deducted",
            BOTH_DRESSES, false, null, FreightCredit.NONE, null, null,
            "358.00", "0.00", "0.00", "0.00", "358.00"),
        arguments("P credited (insured, customer's choice), payout below cost: the customer bears the shortfall",
            ONE_DRESS, false, null, FreightCredit.PAYOUT, "12.00", "8.00",
            "179.00", "0.00", "0.00", "8.00", "187.00"),
        arguments("P credited (insured, customer's choice), payout above cost: the surplus is credited",
            ONE_DRESS, false, null, FreightCredit.PAYOUT, "12.00", "15.00",
            "179.00", "0.00", "0.00", "15.00", "194.00"),
        arguments("C credited (merchant's fault), payout below cost: the merchant makes up the cost",
            ONE_DRESS, false, null, FreightCredit.COST, "12.00", "8.00",
            "179.00", "0.00", "0.00", "12.00", "191.00"),
        arguments("C credited (merchant's fault), payout above cost: the cost is credited",
            ONE_DRESS, false, null, FreightCredit.COST, "12.00", "15.00",
            "179.00", "0.00", "0.00", "12.00", "191.00"),
        arguments("C credited without insurance: the shipping cost is refunded",
            ONE_DRESS, false, null, FreightCredit.COST, "12.00", null,
            "179.00", "0.00", "0.00", "12.00", "191.00"),
        arguments("nothing credited (uninsured, customer's choice): no freight credit",
            ONE_DRESS, false, null, FreightCredit.NONE, "12.00", null,
            "179.00", "0.00", "0.00", "0.00", "179.00"),
        arguments("agent deduction for goods opened despite 'unopened'",
            ONE_DRESS, false, "50.00", FreightCredit.NONE, null, null,
            "179.00", "0.00", "50.00", "0.00", "129.00"),
        arguments("never negative: a deduction above the refund leaves zero",
            List.of(ReturnLine.requested("SOCKS", 1, null)), true, "500.00", FreightCredit.NONE, null, null,
            "33.33", "39.00", "500.00", "0.00", "0.00"),
        arguments("one of three: paid amount per unit rounded half up",
            List.of(ReturnLine.requested("SOCKS", 1, null)), false, null, FreightCredit.NONE, null, null,
            "33.33", "0.00", "0.00", "0.00", "33.33"),
        arguments("all three: exactly the paid amount, no rounding drift",
            List.of(ReturnLine.requested("SOCKS", 3, null)), false, null, FreightCredit.NONE, null, null,
            "100.00", "0.00", "0.00", "0.00", "100.00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void calculatesRefund(String name, List<ReturnLine> returned, boolean promotionWindow, String agentDeduction,
      FreightCredit credit, String freightCost, String payout,
      String lines, String gifts, String agent, String freight, String amount) {
    Breakdown breakdown = RefundCalculation.calculate(new RefundCalculation.Input(
        ORDER, returned, promotionWindow, money(agentDeduction), credit, money(freightCost), money(payout)));

    assertThat(breakdown).isEqualTo(new Breakdown(money(lines), money(gifts), money(agent), money(freight), money(amount)));
    assertThat(breakdown.amount().scale()).isEqualTo(2);
  }

  private static BigDecimal money(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
