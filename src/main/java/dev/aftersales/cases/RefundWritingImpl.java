package dev.aftersales.cases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The refund repository's {@code save} (a repository fragment, as {@link CaseRowWritingImpl} for the case), with
 * statements of its own ({@link AggregateSaving}): a new refund one INSERT, a stored one one UPDATE of its columns with
 * the version check; then {@link CaseCache.RefundSaved} remembers the refund saved.
 */
class RefundWritingImpl implements RefundWriting {

  private final AggregateSaving<Refund> saving;

  RefundWritingImpl(JdbcTemplate jdbc, RelationalMappingContext mapping, BeanFactory beans) {
    this.saving = new AggregateSaving<>(jdbc, new AggregateRow<>(mapping, Refund.class), beans, "the refund of case",
        Refund::caseId, Refund::version, refund -> null, (refund, row) -> { });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends Refund> S save(S refund) {
    return (S) saving.save(refund);
  }
}
