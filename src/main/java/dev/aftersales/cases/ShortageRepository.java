package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.repository.CrudRepository;

/** The shortages (backorders) of OUT_OF_STOCK cases, by their case's id. */
public interface ShortageRepository extends CrudRepository<Shortage, String> {

  /** The shortage of a case of any type: none but an OUT_OF_STOCK case has one, and its row is not read for others. */
  default Optional<Shortage> ofCase(AfterSalesCase c) {
    return c.getType() == CaseType.OUT_OF_STOCK ? findById(c.getId()) : Optional.empty();
  }

  /** The shortage of an OUT_OF_STOCK case; a step reached without one is a defect of the model or the data. */
  default Shortage require(String caseId) {
    return findById(caseId).orElseThrow(() -> new IllegalStateException("case " + caseId + " is not about a shortage"));
  }
}
