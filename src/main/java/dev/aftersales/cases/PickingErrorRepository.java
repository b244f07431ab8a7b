package dev.aftersales.cases;

import org.springframework.data.repository.CrudRepository;

/** Picking errors by their case's id. */
public interface PickingErrorRepository extends CrudRepository<PickingError, String> {}
