package dev.aftersales.cases;

import org.springframework.data.repository.CrudRepository;

/** The order snapshots of the cases (order lines and evidence as taken at intake), by their case's id. */
public interface OrderSnapshotRepository extends CrudRepository<OrderSnapshot, String> {

  /** The snapshot of a stored case: every opening path stores one with its case. */
  default OrderSnapshot require(String caseId) {
    return findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
  }

  /** The snapshot of a case: the one it was just opened with, else the stored one. */
  default OrderSnapshot of(AfterSalesCase c) {
    OrderSnapshot opening = c.openingSnapshot();
    return opening != null ? opening : require(c.getId());
  }
}
