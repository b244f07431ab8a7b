package dev.aftersales.intake;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseMetrics;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.DuplicateKeys;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsOrder;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.FieldProblem;
import dev.aftersales.web.RequestLogContext;
import dev.aftersales.web.RequestRejectedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a case for a channel's request: once per (channel, channelRequestId), only for an order OMS
 * knows and the customer signed for, and only for what was ordered. A rejected request stores
 * nothing; an accepted one is committed before its process starts, so the process never runs ahead
 * of the case it works on.
 */
@Service
public class IntakeService {

  private final CaseRepository cases;
  private final Timeline timeline;
  private final OmsClient oms;
  private final ProcessStarter processes;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final CaseMetrics metrics;

  public IntakeService(CaseRepository cases, Timeline timeline, OmsClient oms, ProcessStarter processes,
      TransactionTemplate transaction, Clock clock, CaseMetrics metrics) {
    this.cases = cases;
    this.timeline = timeline;
    this.oms = oms;
    this.processes = processes;
    this.transaction = transaction;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The case for the request and whether this call created it (false: the channel sent it before). */
  public record Outcome(AfterSalesCase afterSalesCase, boolean created) {}

  public Outcome open(AfterSalesRequest request) {
    Optional<AfterSalesCase> known = existing(request);
    if (known.isPresent()) {
      return new Outcome(known.get(), false);
    }
    CaseType type = request.caseType();
    OmsOrder order = oms.findOrder(request.orderId()).orElseThrow(() ->
        RequestRejectedException.unprocessable("orderId", "unknown order " + request.orderId()));
    List<FieldProblem> problems = checkAgainstOrder(request, order);
    if (!problems.isEmpty()) {
      throw RequestRejectedException.unprocessable(problems.size() == 1 ? problems.getFirst().message()
          : "The request does not match order " + order.orderId() + " in " + problems.size() + " fields", problems);
    }

    AfterSalesCase opened = AfterSalesCase.open(type, request.channel(), request.channelRequestId(),
        request.orderId(), request.statedReason(), request.description(), request.unopened(),
        returnLines(request), evidence(request), order.facts(), clock.instant());
    try {
      transaction.executeWithoutResult(status -> {
        cases.save(opened);
        timeline.record(opened.getId(), TimelineKind.STATUS, null, request.channel(), "Case opened", Map.of(
            "type", type.name(), "orderId", request.orderId(), "channelRequestId", request.channelRequestId()));
      });
    } catch (RuntimeException e) {
      // Two deliveries of the same request raced past the lookup: the unique key let one win; answer with it.
      if (DuplicateKeys.refused(e)) {
        return new Outcome(existing(request).orElseThrow(() -> e), false);
      }
      throw e;
    }
    RequestLogContext.caseId(opened.getId());
    metrics.opened(type, request.channel());
    processes.start(opened);
    return new Outcome(opened, true);
  }

  private Optional<AfterSalesCase> existing(AfterSalesRequest request) {
    return cases.findByChannelAndChannelRequestId(request.channel(), request.channelRequestId());
  }

  private static List<FieldProblem> checkAgainstOrder(AfterSalesRequest request, OmsOrder order) {
    if (order.signedAt() == null) {
      return List.of(new FieldProblem("orderId",
          "order " + order.orderId() + " has not been signed for yet; after-sales starts after delivery"));
    }
    Map<String, Integer> ordered = new HashMap<>();
    order.lines().forEach(l -> ordered.merge(l.sku(), l.quantity(), Integer::sum));
    Map<String, Integer> requested = new HashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < request.lines().size(); i++) {
      AfterSalesRequest.Line line = request.lines().get(i);
      Integer orderedQuantity = ordered.get(line.sku());
      if (orderedQuantity == null) {
        problems.add(new FieldProblem("lines[%d].sku".formatted(i),
            "sku " + line.sku() + " is not in order " + order.orderId()));
      } else if (requested.merge(line.sku(), line.quantity(), Integer::sum) > orderedQuantity) {
        problems.add(new FieldProblem("lines[%d].quantity".formatted(i),
            "exceeds the " + orderedQuantity + " ordered of sku " + line.sku()));
      }
    }
    return problems;
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
