package dev.aftersales.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.springframework.core.annotation.Order;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Reads an {@link OrderSnapshot}'s order lines and evidence when the snapshot is read (both in one statement), and
 * writes them right after the snapshot's row, in its transaction: all of them when the snapshot is first stored,
 * afterwards only the evidence rows that changed (the classification's reading of a photo). A save of a stale snapshot
 * fails on the row's version check before any of them is written. As for the case's return lines
 * ({@link ReturnLinesStoring}): Spring Data would build each list's SELECT anew on every load, and delete and insert
 * both lists on every save. Spring Data's public callbacks: {@link AfterConvertCallback} when a snapshot is read,
 * {@link AfterSaveCallback} when it is saved.
 */
@Component
@Order(0) // before CaseCache.SnapshotSaved: a saved snapshot is remembered with its lists as stored
class OrderSnapshotRows implements AfterConvertCallback<OrderSnapshot>, AfterSaveCallback<OrderSnapshot> {

  /**
   * Both lists in one round trip: each part of the UNION ALL finds its rows by the case's key in its own table's
   * primary key (no derived table, CaseLoadsReadOnlyTheirRowsTest); {@code part} says which list a row belongs to and
   * {@code pos} its place there.
   */
  private static final String SELECT_ROWS = """
      SELECT 0 AS part, line_no AS pos, sku, name, quantity, unit_price, paid_amount, gift, barcode,
             NULL AS url, NULL AS kind, NULL AS ocr_text
        FROM case_order_line WHERE case_id = :caseId
      UNION ALL
      SELECT 1, idx, NULL, NULL, NULL, NULL, NULL, NULL, NULL, url, kind, ocr_text
        FROM case_evidence WHERE case_id = :caseId""";
  private static final String INSERT_ORDER_LINE = "INSERT INTO case_order_line (case_id, line_no, sku, name, quantity, "
      + "unit_price, paid_amount, gift, barcode) VALUES (:caseId, :lineNo, :sku, :name, :quantity, :unitPrice, "
      + ":paidAmount, :gift, :barcode)";
  private static final String INSERT_EVIDENCE = "INSERT INTO case_evidence (case_id, idx, url, kind, ocr_text) "
      + "VALUES (:caseId, :idx, :url, :kind, :ocrText)";
  private static final String UPDATE_EVIDENCE = "UPDATE case_evidence SET url = :url, kind = :kind, ocr_text = :ocrText "
      + "WHERE case_id = :caseId AND idx = :idx";

  private static final int ORDER_LINE = 0;

  private final NamedParameterJdbcTemplate jdbc;

  OrderSnapshotRows(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public OrderSnapshot onAfterConvert(OrderSnapshot snapshot) {
    TreeMap<Integer, OrderLine> lines = new TreeMap<>();
    TreeMap<Integer, Evidence> evidence = new TreeMap<>();
    jdbc.query(SELECT_ROWS, Map.of("caseId", snapshot.getCaseId()), (ResultSet row) -> {
      if (row.getInt("part") == ORDER_LINE) {
        lines.put(row.getInt("pos"), orderLine(row));
      } else {
        evidence.put(row.getInt("pos"), evidence(row));
      }
    });
    snapshot.rowsRead(List.copyOf(lines.values()), List.copyOf(evidence.values()));
    return snapshot;
  }

  @Override
  public OrderSnapshot onAfterSave(OrderSnapshot snapshot) {
    String caseId = snapshot.getCaseId();
    List<Evidence> stored = snapshot.storedEvidence();
    List<Evidence> now = snapshot.getEvidence();
    if (stored == null) {
      List<OrderLine> lines = snapshot.getOrderLines();
      insert(INSERT_ORDER_LINE, lines.size(), lineNo -> orderLineRow(caseId, lineNo, lines.get(lineNo)));
      insert(INSERT_EVIDENCE, now.size(), idx -> evidenceRow(caseId, idx, now.get(idx)));
    } else {
      if (stored.size() != now.size()) { // no path adds or removes evidence of a stored snapshot
        throw new IllegalStateException("evidence of case " + caseId + " changed from " + stored.size() + " to "
            + now.size() + " items");
      }
      List<SqlParameterSource> changed = new ArrayList<>();
      for (int idx = 0; idx < now.size(); idx++) {
        if (!now.get(idx).equals(stored.get(idx))) {
          changed.add(evidenceRow(caseId, idx, now.get(idx)));
        }
      }
      if (!changed.isEmpty()) {
        jdbc.batchUpdate(UPDATE_EVIDENCE, changed.toArray(SqlParameterSource[]::new));
      }
    }
    snapshot.rowsStored();
    return snapshot;
  }

  private void insert(String sql, int rows, IntFunction<SqlParameterSource> row) {
    if (rows > 0) {
      SqlParameterSource[] batch = new SqlParameterSource[rows];
      for (int i = 0; i < rows; i++) {
        batch[i] = row.apply(i);
      }
      jdbc.batchUpdate(sql, batch);
    }
  }

  private static SqlParameterSource orderLineRow(String caseId, int lineNo, OrderLine line) {
    return new MapSqlParameterSource()
        .addValue("caseId", caseId)
        .addValue("lineNo", lineNo)
        .addValue("sku", line.sku())
        .addValue("name", line.name())
        .addValue("quantity", line.quantity())
        .addValue("unitPrice", line.unitPrice())
        .addValue("paidAmount", line.paidAmount())
        .addValue("gift", line.gift())
        .addValue("barcode", line.barcode());
  }

  private static SqlParameterSource evidenceRow(String caseId, int idx, Evidence evidence) {
    return new MapSqlParameterSource()
        .addValue("caseId", caseId)
        .addValue("idx", idx)
        .addValue("url", evidence.url())
        .addValue("kind", evidence.kind().name())
        .addValue("ocrText", evidence.ocrText());
  }

  private static OrderLine orderLine(ResultSet row) throws SQLException {
    return new OrderLine(row.getString("sku"), row.getString("name"), row.getInt("quantity"),
        row.getBigDecimal("unit_price"), row.getBigDecimal("paid_amount"), row.getBoolean("gift"),
        row.getString("barcode"));
  }

  private static Evidence evidence(ResultSet row) throws SQLException {
    return new Evidence(row.getString("url"), EvidenceKind.valueOf(row.getString("kind")), row.getString("ocr_text"));
  }
}
