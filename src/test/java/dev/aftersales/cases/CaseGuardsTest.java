package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the case aggregate refuses, whichever service or worker asks: illegal moves and money that pays wrong. */
class CaseGuardsTest {

  private static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");

  /** Two shirts paid 180.00 together; the case returns one (90.00). */
  static AfterSalesCase aReturn() {
    return AfterSalesCase.open(CaseType.RETURN, "TMALL", "R-1", "O-1", Reason.NO_REASON, "too big", true,
        List.of(ReturnLine.requested("SHIRT", 1, null)), List.of(),
        new AfterSalesCase.OrderFacts("C-1", NOW.minusSeconds(86_400 * 5), NOW.minusSeconds(86_400 * 3), null,
            "PAY-1", PaymentMethod.ALIPAY, null, false, "WH-1",
            List.of(new OrderLine("SHIRT", "Shirt", 2, new BigDecimal("100.00"), new BigDecimal("180.00"), false, null))),
        NOW);
  }

  static AfterSalesCase received() {
    AfterSalesCase c = aReturn();
    c.moveTo(CaseStatus.AWAITING_PARCEL, NOW);
    c.moveTo(CaseStatus.RECEIVED, NOW);
    return c;
  }

  @Test
  void aReceivedParcelIsNeverClosedByTheSevenDayTimer() {
    AfterSalesCase c = received();

    assertThatThrownBy(() -> c.moveTo(CaseStatus.CLOSED, NOW))
        .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("RECEIVED to CLOSED");
    assertThat(c.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(c.getClosedAt()).isNull();
  }

  @Test
  void aRefundedCaseIsNeverClosedByASecondInstance() {
    AfterSalesCase c = received();
    c.moveTo(CaseStatus.REFUNDED, NOW);

    for (CaseStatus other : CaseStatus.values()) {
      if (other != CaseStatus.REFUNDED) {
        assertThatThrownBy(() -> c.moveTo(other, NOW)).isInstanceOf(IllegalTransitionException.class);
      }
    }
    assertThat(c.getStatus()).isEqualTo(CaseStatus.REFUNDED);
  }

  @Test
  void aRedeliveredMoveToTheSameStatusChangesNothing() {
    AfterSalesCase c = received();
    c.moveTo(CaseStatus.REFUNDED, NOW);

    assertThat(c.moveTo(CaseStatus.REFUNDED, NOW.plusSeconds(60))).isEqualTo(CaseStatus.REFUNDED);
    assertThat(c.getClosedAt()).isEqualTo(NOW);
  }

  @Test
  void aParcelAfterTheCaseClosedForNoParcelReopensItAsReceived() {
    AfterSalesCase c = aReturn();
    c.moveTo(CaseStatus.AWAITING_PARCEL, NOW);
    c.moveTo(CaseStatus.CLOSED, NOW);

    c.moveTo(CaseStatus.RECEIVED, NOW.plusSeconds(3600));

    assertThat(c.getStatus()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(c.getClosedAt()).isNull();
  }

  @Test
  void aRejectedCaseTakesNoParcel() {
    AfterSalesCase c = aReturn();
    c.moveTo(CaseStatus.REJECTED, NOW);

    assertThatThrownBy(() -> c.moveTo(CaseStatus.RECEIVED, NOW)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aNegativeDeductionIsRefused() {
    AfterSalesCase c = received();

    assertThatThrownBy(() -> c.deductionDecided(new BigDecimal("-50.00"), "goodwill", c.openingSnapshot()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raise the refund");
    assertThat(c.getDeductionAmount()).isNull();
  }

  @Test
  void aDeductionAboveWhatWasPaidForTheLinesIsRefused() {
    AfterSalesCase c = received();

    assertThatThrownBy(() -> c.deductionDecided(new BigDecimal("90.01"), "worn", c.openingSnapshot()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the 90.00 CNY paid");
    c.deductionDecided(new BigDecimal("90"), "worn", c.openingSnapshot());
    assertThat(c.getDeductionAmount()).isEqualByComparingTo("90.00").hasScaleOf(2);
  }

  @Test
  void aDeductionWithMoreThanTwoDecimalsIsRefused() {
    AfterSalesCase c = received();

    assertThatThrownBy(() -> c.deductionDecided(new BigDecimal("1.005"), "worn", c.openingSnapshot()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeDeductionNeverRaisesACalculatedRefund() {
    AfterSalesCase c = received();

    assertThatThrownBy(() -> RefundCalculation.calculate(new RefundCalculation.Input(
        c.openingSnapshot().getOrderLines(), c.getLines(),
        false, new BigDecimal("-10.00"), FreightCredit.NONE, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
