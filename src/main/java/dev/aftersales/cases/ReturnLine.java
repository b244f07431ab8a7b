package dev.aftersales.cases;

/**
 * A line the customer sends back, wants exchanged, or got wrong or not at all. Barcode and grade
 * come from the warehouse receipt; disposition from the return-disposition decision.
 *
 * @param exchangeSku EXCHANGE: the variant the customer wants instead
 * @param receivedSku WRONG_ITEM: the sku that arrived instead of {@code sku}, when the customer knows it
 * @param stockCorrected mis-sent item: the shipping warehouse's stock of this line was corrected
 */
public record ReturnLine(
    String sku,
    int quantity,
    String exchangeSku,
    String receivedSku,
    String scannedBarcode,
    Grade grade,
    Disposition disposition,
    Integer discountPercent,
    boolean stockCorrected) {

  public static ReturnLine requested(String sku, int quantity, String exchangeSku) {
    return requested(sku, quantity, exchangeSku, null);
  }

  public static ReturnLine requested(String sku, int quantity, String exchangeSku, String receivedSku) {
    return new ReturnLine(sku, quantity, exchangeSku, receivedSku, null, null, null, null, false);
  }

  /** The sku of the goods that come back: the wrong item when one arrived, otherwise the ordered one. */
  public String returnedSku() {
    return receivedSku != null ? receivedSku : sku;
  }

  public ReturnLine received(String barcode, Grade grade) {
    return new ReturnLine(sku, quantity, exchangeSku, receivedSku, barcode, grade, disposition, discountPercent,
        stockCorrected);
  }

  public ReturnLine disposed(Disposition disposition, int discountPercent) {
    return new ReturnLine(sku, quantity, exchangeSku, receivedSku, scannedBarcode, grade, disposition, discountPercent,
        stockCorrected);
  }

  public ReturnLine exchangedFor(String variantSku) {
    return new ReturnLine(sku, quantity, variantSku, receivedSku, scannedBarcode, grade, disposition, discountPercent,
        stockCorrected);
  }

  public ReturnLine stockCorrectedNow() {
    return new ReturnLine(sku, quantity, exchangeSku, receivedSku, scannedBarcode, grade, disposition, discountPercent,
        true);
  }
}
