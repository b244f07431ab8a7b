package dev.aftersales.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;

/** How the report rounds: hours to one decimal, rates to three, money to two (all half up). */
final class Figures {

  private static final long MILLIS_PER_HOUR = 3_600_000L;

  private Figures() {}

  /** {@code part / whole} with three decimals; null when there is nothing to measure. */
  static BigDecimal rate(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
  }

  static BigDecimal money(BigDecimal amount) {
    return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal hours(long millis) {
    return hours(BigDecimal.valueOf(millis), 1);
  }

  private static BigDecimal hours(BigDecimal millis, long count) {
    return millis.divide(BigDecimal.valueOf(count * MILLIS_PER_HOUR), 1, RoundingMode.HALF_UP);
  }

  /**
   * Average, 90th percentile (nearest rank: the smallest value that at least 90% of the values do not
   * exceed) and maximum of durations in milliseconds, in hours; all null for no durations.
   */
  record Spread(BigDecimal averageHours, BigDecimal p90Hours, BigDecimal maxHours) {

    static Spread of(Collection<Long> millis) {
      if (millis.isEmpty()) {
        return new Spread(null, null, null);
      }
      long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
      BigDecimal sum = Arrays.stream(sorted).mapToObj(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add);
      int rank = (9 * sorted.length + 9) / 10; // ceil(0.9 n), exact in integers
      return new Spread(hours(sum, sorted.length), hours(sorted[rank - 1]), hours(sorted[sorted.length - 1]));
    }
  }
}
