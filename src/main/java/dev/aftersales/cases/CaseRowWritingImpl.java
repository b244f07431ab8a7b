package dev.aftersales.cases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The repository's {@code save} (a Spring Data repository fragment, which takes precedence over the base method),
 * with statements of its own ({@link AggregateSaving}): a new case is one INSERT of its row at version 0; a stored case
 * one UPDATE of the columns whose value changed since it was read or last saved ({@link CaseRowStoring} keeps the row as
 * stored), which moves the version and checks it. Around the statement run the callbacks Spring Data's save runs:
 * before it {@link CaseStorePrecision}, after it its return lines ({@link ReturnLinesStoring}), a new case's order
 * snapshot ({@link OrderSnapshotStoring}), {@link CaseCache}; the row as written is kept with the case before them
 * ({@code AfterSalesCase#rowStored}).
 */
class CaseRowWritingImpl implements CaseRowWriting {

  private final AggregateSaving<AfterSalesCase> saving;

  CaseRowWritingImpl(JdbcTemplate jdbc, CaseRowStoring rows, BeanFactory beans) {
    this.saving = new AggregateSaving<>(jdbc, rows.row, beans, "case", AfterSalesCase::getId,
        AfterSalesCase::getVersion, AfterSalesCase::storedRow, AfterSalesCase::rowStored);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends AfterSalesCase> S save(S aCase) {
    return (S) saving.save(aCase);
  }
}
