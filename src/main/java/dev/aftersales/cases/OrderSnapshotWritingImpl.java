package dev.aftersales.cases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The order snapshot repository's {@code save} (a repository fragment, as {@link CaseRowWritingImpl} for the case),
 * with statements of its own ({@link AggregateSaving}): the snapshot's row, then its order lines and evidence
 * ({@link OrderSnapshotRows}) and the instance's memory ({@link CaseCache.SnapshotSaved}).
 */
class OrderSnapshotWritingImpl implements OrderSnapshotWriting {

  private final AggregateSaving<OrderSnapshot> saving;

  OrderSnapshotWritingImpl(JdbcTemplate jdbc, RelationalMappingContext mapping, BeanFactory beans) {
    this.saving = new AggregateSaving<>(jdbc, new AggregateRow<>(mapping, OrderSnapshot.class), beans,
        "the order snapshot of case", OrderSnapshot::getCaseId, OrderSnapshot::getVersion, snapshot -> null,
        (snapshot, row) -> { });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends OrderSnapshot> S save(S snapshot) {
    return (S) saving.save(snapshot);
  }
}
