package dev.aftersales.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent sees of a case on the review forms ({@code caseFacts} process variable): a short
 * summary, no personal data, no money ledger. Return and exchange flows fill it when the policy is
 * applied; the mis-sent flow gets it at start, since its review may come before any worker ran.
 */
public record CaseFacts(
    String channel,
    String orderId,
    Reason reason,
    String description,
    Long daysSinceDelivery,
    Integer windowDays,
    Boolean unopened,
    Integer returnsInLast90Days,
    String rule,
    List<ItemFact> items,
    List<EvidenceFact> evidence) {

  /** A line with the product name of the order, so the agent knows what the photos should show. */
  public record ItemFact(String sku, String name, int quantity) {}

  public record EvidenceFact(String url, EvidenceKind kind) {}

  /** Facts after the return policy was applied. */
  public static CaseFacts decided(AfterSalesCase c, OrderSnapshot order, long daysSinceDelivery,
      int returnsInLast90Days) {
    return new CaseFacts(c.getChannel(), c.getOrderId(), c.getReason(), c.getDescription(), daysSinceDelivery,
        c.getWindowDays(), c.getUnopened(), returnsInLast90Days, c.getDecisionRule(), items(c, order), evidence(order));
  }

  /** Facts of a wrong or missing item claim as the channel reported it. */
  public static CaseFacts misSentClaim(AfterSalesCase c, OrderSnapshot order) {
    Reason reason = c.getType() == CaseType.WRONG_ITEM ? Reason.WRONG_ITEM : Reason.MISSING_ITEM;
    Long days = c.getOrderSignedAt() == null ? null
        : BusinessCalendar.wholeDaysBetween(c.getOrderSignedAt(), c.getRequestedAt());
    return new CaseFacts(c.getChannel(), c.getOrderId(), reason, c.getDescription(), days, null, null, null,
        null, items(c, order), evidence(order));
  }

  /** Facts of a parcel that came after the case was closed for "no parcel": the agent decides on it. */
  public static CaseFacts lateParcel(AfterSalesCase c, OrderSnapshot order) {
    Long days = c.getOrderSignedAt() == null || c.getReceivedAt() == null ? null
        : BusinessCalendar.wholeDaysBetween(c.getOrderSignedAt(), c.getReceivedAt());
    return new CaseFacts(c.getChannel(), c.getOrderId(), c.getReason(), c.getDescription(), days, c.getWindowDays(),
        c.getUnopened(), null, c.getDecisionRule(), items(c, order), evidence(order));
  }

  /** Facts of a short order line: what cannot ship, for the customer contact. */
  public static CaseFacts shortage(AfterSalesCase c, OrderSnapshot order) {
    return new CaseFacts(c.getChannel(), c.getOrderId(), Reason.OUT_OF_STOCK, c.getDescription(), null, null, null,
        null, null, items(c, order), List.of());
  }

  /** Facts of an exception order: what the agent reviews, no personal data (the address stays in the case). */
  public static CaseFacts orderException(AfterSalesCase c, OrderSnapshot order) {
    List<ItemFact> ordered = order.getOrderLines().stream()
        .map(l -> new ItemFact(l.sku(), l.name() == null ? l.sku() : l.name(), l.quantity())).toList();
    return new CaseFacts(c.getChannel(), c.getOrderId(), null, c.getDescription(), null, null, null, null, null,
        ordered, List.of());
  }

  private static List<ItemFact> items(AfterSalesCase c, OrderSnapshot order) {
    Map<String, String> names = new HashMap<>();
    order.getOrderLines().forEach(l -> names.putIfAbsent(l.sku(), l.name()));
    return c.getLines().stream()
        .map(l -> new ItemFact(l.sku(), names.getOrDefault(l.sku(), l.sku()), l.quantity()))
        .toList();
  }

  private static List<EvidenceFact> evidence(OrderSnapshot order) {
    return order.getEvidence().stream().map(e -> new EvidenceFact(e.url(), e.kind())).toList();
  }
}
