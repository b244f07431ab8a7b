package dev.aftersales.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Business time is the merchant's: Asia/Shanghai, never the JVM's default zone. */
public final class BusinessCalendar {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private BusinessCalendar() {}

  /** Whole days from the order's signed-for time to the request time, in the merchant's zone. */
  public static long wholeDaysBetween(Instant from, Instant to) {
    return ChronoUnit.DAYS.between(from.atZone(ZONE), to.atZone(ZONE));
  }
}
