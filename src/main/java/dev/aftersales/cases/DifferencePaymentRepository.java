package dev.aftersales.cases;

import org.springframework.data.repository.CrudRepository;

/** The difference payments of exchanges to a dearer variant, by their case's id. */
public interface DifferencePaymentRepository extends CrudRepository<DifferencePayment, String> {}
