package dev.aftersales.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The KPIs as CSV (RFC 4180, UTF-8, CRLF) for a spreadsheet: the report as {@code figure,value} rows with dotted
 * names as in the JSON ({@code cycleTime.p90Hours}, {@code pickingErrors[0].warehouseId}), a series as one row per
 * day with its figures as columns. Values are written as the JSON has them; null is an empty cell.
 */
final class Csv {

  static final String MEDIA_TYPE = "text/csv";

  private Csv() {}

  static String figures(ObjectMapper json, Object report) {
    StringBuilder csv = new StringBuilder("figure,value\r\n");
    flatten("", exact(json).valueToTree(report), (name, value) -> csv.append(cell(name)).append(',').append(cell(value))
        .append("\r\n"));
    return csv.toString();
  }

  static String rows(ObjectMapper json, List<?> rows) {
    StringBuilder csv = new StringBuilder();
    List<String> columns = new ArrayList<>();
    ObjectMapper exact = exact(json);
    for (Object row : rows) {
      JsonNode node = exact.valueToTree(row);
      if (columns.isEmpty()) {
        node.fieldNames().forEachRemaining(columns::add);
        csv.append(String.join(",", columns.stream().map(Csv::cell).toList())).append("\r\n");
      }
      csv.append(String.join(",", columns.stream().map(c -> cell(text(node.get(c)))).toList())).append("\r\n");
    }
    return csv.toString();
  }

  /** Keeps the scale of money and rates (347.40, 0.600) as the JSON answer writes them. */
  private static ObjectMapper exact(ObjectMapper json) {
    return json.copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  }

  private interface Cell {
    void write(String name, String value);
  }

  private static void flatten(String prefix, JsonNode node, Cell out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.write(prefix, text(node));
    }
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? "" : value.isNumber() ? value.decimalValue().toPlainString()
        : value.asText();
  }

  private static String cell(String value) {
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
