package dev.aftersales.cases;

/** Outcome of the return-eligibility decision. */
public enum Eligibility {
  AUTO_APPROVE, EVIDENCE_REVIEW, AUTO_REJECT
}
