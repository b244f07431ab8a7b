package dev.aftersales.cases;

/** A move the case refuses ({@link CaseTransitions}): the case stays where it is. */
public class IllegalTransitionException extends IllegalStateException {

  private final CaseStatus from;
  private final CaseStatus to;

  public IllegalTransitionException(String caseId, CaseStatus from, CaseStatus to) {
    super("case " + caseId + " cannot move from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public CaseStatus from() {
    return from;
  }

  public CaseStatus to() {
    return to;
  }
}
