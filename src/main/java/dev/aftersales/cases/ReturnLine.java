package dev.aftersales.cases;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A line the customer sends back (or wants exchanged). Barcode and grade come from the warehouse
 * receipt; disposition from the return-disposition decision.
 */
@Table("case_line")
public record ReturnLine(
    String sku,
    int quantity,
    String exchangeSku,
    String scannedBarcode,
    Grade grade,
    Disposition disposition,
    Integer discountPercent) {

  public static ReturnLine requested(String sku, int quantity, String exchangeSku) {
    return new ReturnLine(sku, quantity, exchangeSku, null, null, null, null);
  }

  public ReturnLine received(String barcode, Grade grade) {
    return new ReturnLine(sku, quantity, exchangeSku, barcode, grade, disposition, discountPercent);
  }

  public ReturnLine disposed(Disposition disposition, int discountPercent) {
    return new ReturnLine(sku, quantity, exchangeSku, scannedBarcode, grade, disposition, discountPercent);
  }
}
