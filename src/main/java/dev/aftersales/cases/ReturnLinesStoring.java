package dev.aftersales.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Reads a case's return lines when the case is read, and writes those that changed right after the case's row, in its
 * transaction. The lines stay part of the case: they are read with it, and a save of a stale case fails on the row's
 * version check before any line is written. What Spring Data would do instead costs more for nothing: its save deletes
 * and inserts every line (a step that does not touch them, most do not, now writes the case's row alone, a receipt or
 * a disposition updates the lines it changed), and its read of a collection builds the collection's SELECT anew on
 * every load of the case (in a profile of the benchmark, half of what loading the lines cost; docs/benchmarks.md).
 * Spring Data's public callbacks: {@link AfterConvertCallback} when a case is read, {@link AfterSaveCallback} when it
 * is saved (docs/architecture.md, "Aggregates sized to what changes together").
 */
@Component
@Order(0) // before OrderSnapshotStoring: a new case's own rows first, then its snapshot
class ReturnLinesStoring implements AfterConvertCallback<AfterSalesCase>, AfterSaveCallback<AfterSalesCase> {

  private static final String COLUMNS = "sku = :sku, quantity = :quantity, exchange_sku = :exchangeSku, "
      + "received_sku = :receivedSku, scanned_barcode = :scannedBarcode, grade = :grade, disposition = :disposition, "
      + "discount_percent = :discountPercent, stock_corrected = :stockCorrected";
  private static final String UPDATE = "UPDATE case_line SET " + COLUMNS
      + " WHERE case_id = :caseId AND line_no = :lineNo";
  private static final String INSERT = "INSERT INTO case_line (case_id, line_no, sku, quantity, exchange_sku, "
      + "received_sku, scanned_barcode, grade, disposition, discount_percent, stock_corrected) VALUES (:caseId, "
      + ":lineNo, :sku, :quantity, :exchangeSku, :receivedSku, :scannedBarcode, :grade, :disposition, "
      + ":discountPercent, :stockCorrected)";
  private static final String SELECT = "SELECT sku, quantity, exchange_sku, received_sku, scanned_barcode, grade, "
      + "disposition, discount_percent, stock_corrected FROM case_line WHERE case_id = :caseId ORDER BY line_no";
  private static final String DELETE_FROM = "DELETE FROM case_line WHERE case_id = :caseId AND line_no >= :lineNo";

  private final NamedParameterJdbcTemplate jdbc;

  ReturnLinesStoring(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public AfterSalesCase onAfterConvert(AfterSalesCase aCase) {
    aCase.linesRead(jdbc.query(SELECT, Map.of("caseId", aCase.getId()), ReturnLinesStoring::line));
    return aCase;
  }

  private static ReturnLine line(ResultSet row, int rowNum) throws SQLException {
    String grade = row.getString("grade");
    String disposition = row.getString("disposition");
    return new ReturnLine(row.getString("sku"), row.getInt("quantity"), row.getString("exchange_sku"),
        row.getString("received_sku"), row.getString("scanned_barcode"), grade == null ? null : Grade.valueOf(grade),
        disposition == null ? null : Disposition.valueOf(disposition), row.getObject("discount_percent", Integer.class),
        row.getBoolean("stock_corrected"));
  }

  @Override
  public AfterSalesCase onAfterSave(AfterSalesCase aCase) {
    List<ReturnLine> stored = aCase.storedLines() == null ? List.of() : aCase.storedLines();
    List<ReturnLine> now = aCase.getLines();
    List<SqlParameterSource> updates = new ArrayList<>();
    List<SqlParameterSource> inserts = new ArrayList<>();
    for (int lineNo = 0; lineNo < now.size(); lineNo++) {
      if (lineNo >= stored.size()) {
        inserts.add(row(aCase.getId(), lineNo, now.get(lineNo)));
      } else if (!stored.get(lineNo).equals(now.get(lineNo))) {
        updates.add(row(aCase.getId(), lineNo, now.get(lineNo)));
      }
    }
    if (stored.size() > now.size()) {
      jdbc.update(DELETE_FROM, Map.of("caseId", aCase.getId(), "lineNo", now.size()));
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate(UPDATE, updates.toArray(SqlParameterSource[]::new));
    }
    if (!inserts.isEmpty()) {
      jdbc.batchUpdate(INSERT, inserts.toArray(SqlParameterSource[]::new));
    }
    aCase.linesStored();
    return aCase;
  }

  private static SqlParameterSource row(String caseId, int lineNo, ReturnLine line) {
    return new MapSqlParameterSource()
        .addValue("caseId", caseId)
        .addValue("lineNo", lineNo)
        .addValue("sku", line.sku())
        .addValue("quantity", line.quantity())
        .addValue("exchangeSku", line.exchangeSku())
        .addValue("receivedSku", line.receivedSku())
        .addValue("scannedBarcode", line.scannedBarcode())
        .addValue("grade", line.grade() == null ? null : line.grade().name())
        .addValue("disposition", line.disposition() == null ? null : line.disposition().name())
        .addValue("discountPercent", line.discountPercent())
        .addValue("stockCorrected", line.stockCorrected());
  }
}
