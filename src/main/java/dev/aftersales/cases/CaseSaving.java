package dev.aftersales.cases;

/**
 * How the case repository saves a case. Spring Data JDBC writes an aggregate by updating its row and
 * then deleting and inserting every row of every child table (order lines, return lines, evidence) — seven
 * statements — even when a step changed one child table or none, as most steps do (classify, decide, label, close). This save
 * updates the case's row with the same version check and then deletes and inserts the rows of only
 * those child tables whose rows differ from the ones the case was loaded with ({@link CaseParts}; they
 * are immutable records). A new case is inserted with all its rows.
 */
public interface CaseSaving {

  <S extends AfterSalesCase> S save(S aCase);
}
