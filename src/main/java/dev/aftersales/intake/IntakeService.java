package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.OrderClaims;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Opens a case for a channel's request: once per (channel, channelRequestId), only for an order OMS
 * knows and the customer signed for, only for what was ordered and only for units no earlier case of
 * the order claimed ({@link OrderClaims}). A rejected request stores
 * nothing; an accepted one is opened as every intake opens a case ({@link CaseOpening}): committed before
 * its process starts, so the process never runs ahead of the case it works on.
 */
@Service
public class IntakeService {

  private final CaseRepository cases;
  private final OmsClient oms;
  private final CaseOpening opening;
  private final Clock clock;
  private final OrderClaims claims;

  public IntakeService(CaseRepository cases, OmsClient oms, CaseOpening opening, Clock clock, OrderClaims claims) {
    this.cases = cases;
    this.oms = oms;
    this.opening = opening;
    this.clock = clock;
    this.claims = claims;
  }

  /**
   * A new request costs OMS's answer and one transaction. A repeated one (the channel's retry after a lost answer)
   * is recognised where a new one is checked anyway: by the unique key of the case, by the claims its first delivery
   * holds, or, when OMS refuses or fails now, by a lookup before the refusal is answered. It is answered with its case
   * whatever OMS says now, and looked up only on those paths, not before every new request.
   *
   * @param actor the authenticated user who sent the request: the timeline's actor, never the body's channel
   */
  public CaseOpening.Outcome open(AfterSalesRequest request, String actor) {
    CaseType type = request.caseType();
    OmsOrder order;
    try {
      order = oms.findOrder(request.orderId()).orElseThrow(() ->
          RequestRejectedException.unprocessable("orderId", "unknown order " + request.orderId()));
      rejectIfAny(checkAgainstOrder(request, order), order);
    } catch (RuntimeException refusedOrFailed) {
      Optional<AfterSalesCase> known = existing(request);
      if (known.isPresent()) {
        return new CaseOpening.Outcome(known.get(), false);
      }
      throw refusedOrFailed;
    }

    AfterSalesCase opened = AfterSalesCase.open(type, request.channel(), request.channelRequestId(),
        request.orderId(), request.statedReason(), request.description(), request.unopened(),
        returnLines(request), evidence(request), order.facts(), clock.instant());
    // The order's claims stay locked until this case is stored, so a concurrent request for the same units
    // waits and then counts this case's claim (docs/security.md, one claim per unit).
    return opening.open(opened, actor, "Case opened", Map.of(
            "type", type.name(), "orderId", request.orderId(), "channel", request.channel(),
            "channelRequestId", request.channelRequestId()),
        () -> existing(request),
        () -> {
          claims.lock(request.orderId());
          List<FieldProblem> problems = checkAgainstClaims(request, order, claims.claimedUnits(request.orderId()));
          if (problems.isEmpty()) {
            return Optional.empty(); // a delivery of the same request stored before meets the case's unique key
          }
          // the units may be this request's own, claimed by a delivery that held the lock before us: its case answers
          Optional<AfterSalesCase> stored = existing(request);
          if (stored.isEmpty()) {
            rejectIfAny(problems, order);
          }
          return stored;
        });
  }

  private static void rejectIfAny(List<FieldProblem> problems, OmsOrder order) {
    if (!problems.isEmpty()) {
      throw RequestRejectedException.unprocessable(problems.size() == 1 ? problems.getFirst().message()
          : "The request does not match order " + order.orderId() + " in " + problems.size() + " fields", problems);
    }
  }

  private Optional<AfterSalesCase> existing(AfterSalesRequest request) {
    return cases.findByChannelRequest(request.channel(), request.channelRequestId());
  }

  /** Quantities are summed as long: the limits are checked before, but a sum never wraps round (docs/security.md). */
  static List<FieldProblem> checkAgainstOrder(AfterSalesRequest request, OmsOrder order) {
    if (order.signedAt() == null) {
      return List.of(new FieldProblem("orderId",
          "order " + order.orderId() + " has not been signed for yet; after-sales starts after delivery"));
    }
    List<FieldProblem> problems = new ArrayList<>();
    // The case's channel decides who may read it (docs/security.md): it must be the channel the order was sold on.
    if (order.channel() != null && !order.channel().equals(request.channel())) {
      problems.add(new FieldProblem("channel",
          "order " + order.orderId() + " was sold on " + order.channel() + ", not on " + request.channel()));
    }
    Map<String, Long> ordered = orderedUnits(order);
    Map<String, Long> requested = new HashMap<>();
    for (int i = 0; i < request.lines().size(); i++) {
      AfterSalesRequest.Line line = request.lines().get(i);
      Long orderedQuantity = ordered.get(line.sku());
      if (orderedQuantity == null) {
        problems.add(new FieldProblem("lines[%d].sku".formatted(i),
            "sku " + line.sku() + " is not in order " + order.orderId()));
      } else if (requested.merge(line.sku(), (long) line.quantity(), Math::addExact) > orderedQuantity) {
        problems.add(new FieldProblem("lines[%d].quantity".formatted(i),
            "exceeds the " + orderedQuantity + " ordered of sku " + line.sku()));
      }
    }
    return problems;
  }

  /** Each unit of an order line is claimed once across all the order's cases, whatever the channel request id. */
  static List<FieldProblem> checkAgainstClaims(AfterSalesRequest request, OmsOrder order, Map<String, Long> claimed) {
    Map<String, Long> ordered = orderedUnits(order);
    Map<String, Long> requested = new HashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < request.lines().size(); i++) {
      AfterSalesRequest.Line line = request.lines().get(i);
      long orderedQuantity = ordered.getOrDefault(line.sku(), 0L);
      long taken = claimed.getOrDefault(line.sku(), 0L);
      if (taken > 0 && requested.merge(line.sku(), (long) line.quantity(), Math::addExact) + taken > orderedQuantity) {
        long left = Math.max(0, orderedQuantity - taken);
        problems.add(new FieldProblem("lines[%d].quantity".formatted(i),
            "%d of the %d ordered of sku %s are claimed by earlier cases of order %s; %d left to claim"
                .formatted(taken, orderedQuantity, line.sku(), order.orderId(), left)));
      }
    }
    return problems;
  }

  private static Map<String, Long> orderedUnits(OmsOrder order) {
    Map<String, Long> ordered = new HashMap<>();
    order.lines().forEach(l -> ordered.merge(l.sku(), (long) l.quantity(), Math::addExact));
    return ordered;
  }

  private static List<ReturnLine> returnLines(AfterSalesRequest request) {
    return request.lines().stream()
        .map(l -> ReturnLine.requested(l.sku(), l.quantity(), l.exchangeSku(), blankToNull(l.receivedSku())))
        .toList();
  }

  /** An optional sku sent as "" is not given. */
  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static List<Evidence> evidence(AfterSalesRequest request) {
    return request.evidenceOrEmpty().stream()
        .map(e -> new Evidence(e.url(), EvidenceKind.valueOf(e.kind()), null))
        .toList();
  }
}
