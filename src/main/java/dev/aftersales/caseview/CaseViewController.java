package dev.aftersales.caseview;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.CouponRepository;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.PickingErrorRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ShortageRepository;
import dev.aftersales.process.JobAttempts;
import dev.aftersales.security.Caller;
import dev.aftersales.tasks.CaseTasks;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.web.ApiPaths;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read side of a case for channels (their own cases only), agents and auditors: the case and its audit trail. */
@RestController
class CaseViewController {

  private final ReadableCases cases;
  private final CouponRepository coupons;
  private final PickingErrorRepository pickingErrors;
  private final DifferencePaymentRepository differencePayments;
  private final ShortageRepository shortages;
  private final OrderExceptionRepository exceptions;
  private final RefundRepository refunds;
  private final OrderSnapshotRepository snapshots;
  private final Timeline timeline;
  private final CaseTasks tasks;
  private final JobAttempts attempts;
  private final Clock clock;

  CaseViewController(ReadableCases cases, CouponRepository coupons, PickingErrorRepository pickingErrors,
      DifferencePaymentRepository differencePayments, ShortageRepository shortages,
      OrderExceptionRepository exceptions, RefundRepository refunds, OrderSnapshotRepository snapshots,
      Timeline timeline, CaseTasks tasks, JobAttempts attempts, Clock clock) {
    this.snapshots = snapshots;
    this.refunds = refunds;
    this.exceptions = exceptions;
    this.differencePayments = differencePayments;
    this.shortages = shortages;
    this.cases = cases;
    this.coupons = coupons;
    this.pickingErrors = pickingErrors;
    this.timeline = timeline;
    this.tasks = tasks;
    this.attempts = attempts;
    this.clock = clock;
  }

  /**
   * The case from the case store with its human tasks from the engine ({@code tasks: null} when its search does
   * not answer) and its steps blocked past their retry budget.
   */
  @GetMapping(ApiPaths.CASE)
  CaseView get(@PathVariable String caseId, Caller caller) {
    AfterSalesCase c = cases.require(caseId, caller);
    return CaseView.of(c, snapshots.require(caseId), refunds.findById(caseId).orElse(null),
        coupons.findById(caseId).orElse(null), pickingErrors.findById(caseId).orElse(null),
        c.getType() == CaseType.EXCHANGE ? differencePayments.findById(caseId).orElse(null) : null,
        shortages.ofCase(c).orElse(null), exceptions.ofCase(c).orElse(null),
        tasks.of(c).orElse(null), attempts.blockedSteps(caseId), clock.instant());
  }

  /**
   * Oldest first. A case without entries is still a case; an unknown id is a 404. Customer personal data in
   * the entries' details is masked for every role but AGENT ({@link PersonalData}).
   */
  @GetMapping(ApiPaths.CASE_TIMELINE)
  List<TimelineEntryView> timeline(@PathVariable String caseId, Caller caller) {
    cases.require(caseId, caller);
    boolean masked = !caller.seesPersonalData();
    return timeline.of(caseId).stream().map(e -> TimelineEntryView.of(e, masked)).toList();
  }
}
