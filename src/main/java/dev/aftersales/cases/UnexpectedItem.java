package dev.aftersales.cases;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An item the warehouse found in a returned parcel that is on none of the case's lines: never
 * restocked silently, it makes the inspection a mismatch for an agent. Kept on the case's own row as
 * a short text ({@link #format}), since it is only ever read with the case.
 */
public record UnexpectedItem(String sku, String barcode, Grade grade) {

  /** {@code sku|barcode|grade;…}, each part URL-encoded so no sku or barcode can break the format. */
  static String format(List<UnexpectedItem> items) {
    return items.isEmpty() ? null : items.stream()
        .map(i -> encode(i.sku()) + "|" + encode(i.barcode()) + "|" + i.grade().name())
        .collect(Collectors.joining(";"));
  }

  static List<UnexpectedItem> parse(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split(";"))
        .map(entry -> entry.split("\\|", -1))
        .map(parts -> new UnexpectedItem(decode(parts[0]), decode(parts[1]), Grade.valueOf(parts[2])))
        .toList();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
