package dev.aftersales.cases;

import org.springframework.data.repository.CrudRepository;

/** The refunds of cases, by their case's id. */
public interface RefundRepository extends CrudRepository<Refund, String> {

  /** The refund a payment step works on; a step reached without one is a defect of the model or the data. */
  default Refund require(String caseId) {
    return findById(caseId).orElseThrow(() -> new IllegalStateException("no refund calculated for case " + caseId));
  }
}
