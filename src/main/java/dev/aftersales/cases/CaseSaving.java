package dev.aftersales.cases;

/**
 * How the case repository saves a case. Spring Data JDBC writes an aggregate by updating its row and
 * then deleting and inserting every row of every child table (order lines, return lines, evidence,
 * refund, coupon, difference payment, picking error) — ten statements or more — even when a step changed only the case's own columns,
 * as most steps do (classify, decide, label, close). This save writes the case's row alone, with the
 * same version check, when no child row changed since the case was loaded (the case compares its
 * child rows with those it was loaded with; they are immutable records).
 */
public interface CaseSaving {

  <S extends AfterSalesCase> S save(S aCase);
}
