package dev.aftersales.cases;

import org.springframework.core.annotation.Order;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.stereotype.Component;

/**
 * Keeps with a case the values of its row as the store holds them when it is read, so that its next save writes only
 * the columns that changed ({@link CaseRowWritingImpl}, which keeps the row it wrote itself). Spring Data's public
 * callback, before {@link CaseCache} remembers the case (a copy keeps the row it was read with).
 */
@Component
@Order(0)
class CaseRowStoring implements AfterConvertCallback<AfterSalesCase> {

  final AggregateRow<AfterSalesCase> row;

  CaseRowStoring(RelationalMappingContext mapping) {
    this.row = new AggregateRow<>(mapping, AfterSalesCase.class);
  }

  @Override
  public AfterSalesCase onAfterConvert(AfterSalesCase aCase) {
    aCase.rowStored(row.values(aCase));
    return aCase;
  }
}
