package dev.aftersales.cases;

import static dev.aftersales.cases.CaseStatus.AWAITING_PARCEL;
import static dev.aftersales.cases.CaseStatus.CANCELLED;
import static dev.aftersales.cases.CaseStatus.CLOSED;
import static dev.aftersales.cases.CaseStatus.EXCHANGED;
import static dev.aftersales.cases.CaseStatus.ON_HOLD;
import static dev.aftersales.cases.CaseStatus.OPEN;
import static dev.aftersales.cases.CaseStatus.RECEIVED;
import static dev.aftersales.cases.CaseStatus.REFUNDED;
import static dev.aftersales.cases.CaseStatus.REJECTED;
import static dev.aftersales.cases.CaseStatus.RELEASED;
import static dev.aftersales.cases.CaseStatus.RESHIPPED;
import static dev.aftersales.cases.CaseStatus.SHIPPED;
import static dev.aftersales.cases.CaseStatus.SUBSTITUTED;
import static dev.aftersales.cases.CaseStatus.UNDER_REVIEW;
import static dev.aftersales.cases.CaseStatus.WAITING_FOR_STOCK;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The moves a case may make, one table for every flow (docs/architecture.md, "Case status"). A final
 * status has no way out, with one exception: a case closed because no parcel came within 7 days takes
 * the parcel that arrives late ({@code CLOSED → RECEIVED}), so that an agent decides on it. A parcel
 * received is never closed as "no parcel" ({@code RECEIVED ↛ CLOSED}), and a refunded case is never
 * closed again by anything.
 */
public final class CaseTransitions {

  private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = new EnumMap<>(CaseStatus.class);

  static {
    ALLOWED.put(OPEN, EnumSet.of(UNDER_REVIEW, AWAITING_PARCEL, RECEIVED, WAITING_FOR_STOCK,
        REJECTED, REFUNDED, RESHIPPED, CANCELLED, SHIPPED, SUBSTITUTED, ON_HOLD));
    // An exception order is held at once, then released or cancelled: never both (OrderException).
    ALLOWED.put(ON_HOLD, EnumSet.of(RELEASED, CANCELLED));
    ALLOWED.put(UNDER_REVIEW, EnumSet.of(AWAITING_PARCEL, RECEIVED, WAITING_FOR_STOCK,
        REJECTED, REFUNDED, RESHIPPED, CANCELLED, SHIPPED, SUBSTITUTED));
    // A parcel that does not come within 7 days closes the case (CLOSED); a mis-sent item the customer
    // never sent back leaves the case RESHIPPED (the correct item went out before).
    ALLOWED.put(AWAITING_PARCEL, EnumSet.of(RECEIVED, REJECTED, CANCELLED, RESHIPPED, CLOSED));
    ALLOWED.put(RECEIVED, EnumSet.of(REFUNDED, EXCHANGED, RESHIPPED, REJECTED));
    ALLOWED.put(WAITING_FOR_STOCK, EnumSet.of(SHIPPED, CANCELLED, SUBSTITUTED, REFUNDED));
    ALLOWED.put(CLOSED, EnumSet.of(RECEIVED));
    for (CaseStatus status : CaseStatus.values()) {
      ALLOWED.putIfAbsent(status, EnumSet.noneOf(CaseStatus.class));
    }
  }

  private CaseTransitions() {}

  /** Whether a case may move from one status to the other; staying where it is always may (a redelivered job). */
  public static boolean allowed(CaseStatus from, CaseStatus to) {
    return from == to || ALLOWED.get(from).contains(to);
  }
}
