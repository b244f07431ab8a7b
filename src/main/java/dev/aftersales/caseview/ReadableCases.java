package dev.aftersales.caseview;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseNotFoundException;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.security.Caller;
import org.springframework.stereotype.Component;

/** The one rule of every read of a case: who may read which case (docs/security.md). */
@Component
class ReadableCases {

  private final CaseRepository cases;

  ReadableCases(CaseRepository cases) {
    this.cases = cases;
  }

  /**
   * A channel user reading a case of another channel gets the same 404 as for an unknown id, so it cannot
   * even learn which case ids exist (docs/security.md).
   */
  AfterSalesCase require(String caseId, Caller caller) {
    AfterSalesCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    if (!caller.mayRead(c.getChannel())) {
      throw new CaseNotFoundException(caseId);
    }
    return c;
  }
}
