package dev.aftersales.cases;

import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.stereotype.Component;

/**
 * Brings a case's times and amounts to the precision of their columns before it is written
 * ({@link AfterSalesCase#toStoredPrecision()}): what a save leaves in memory, and the {@link CaseCache} remembers, is
 * then what the store holds.
 */
@Component
class CaseStorePrecision implements BeforeConvertCallback<AfterSalesCase> {

  @Override
  public AfterSalesCase onBeforeConvert(AfterSalesCase aCase) {
    aCase.toStoredPrecision();
    return aCase;
  }
}
