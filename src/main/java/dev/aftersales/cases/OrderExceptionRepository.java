package dev.aftersales.cases;

import java.util.Optional;
import org.springframework.data.repository.CrudRepository;

/** The exceptions of ORDER_EXCEPTION cases, by their case's id. */
public interface OrderExceptionRepository extends CrudRepository<OrderException, String> {

  /** The exception of a case of any type: none but an ORDER_EXCEPTION case has one, and its row is not read for others. */
  default Optional<OrderException> ofCase(AfterSalesCase c) {
    return c.getType() == CaseType.ORDER_EXCEPTION ? findById(c.getId()) : Optional.empty();
  }

  /** The exception of an ORDER_EXCEPTION case; a step reached without one is a defect of the model or the data. */
  default OrderException require(String caseId) {
    return findById(caseId).orElseThrow(() -> new IllegalStateException("case " + caseId + " is not an exception order"));
  }
}
