package dev.aftersales.cases;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.stereotype.Component;

/**
 * Stores the {@link OrderSnapshot} a case was opened with right after the case's first save, in the same
 * transaction: no path can store a case without the order lines and evidence it was opened with. Later saves of
 * the case leave the snapshot alone.
 */
@Component
class OrderSnapshotStoring implements AfterSaveCallback<AfterSalesCase> {

  private final ObjectProvider<OrderSnapshotRepository> snapshots; // the repositories call back here: looked up late

  OrderSnapshotStoring(ObjectProvider<OrderSnapshotRepository> snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public AfterSalesCase onAfterSave(AfterSalesCase aCase) {
    OrderSnapshot opening = aCase.openingSnapshot();
    if (opening != null && opening.getVersion() == null) {
      snapshots.getObject().save(opening);
    }
    return aCase;
  }
}
